/** A member left their garage (removed by an owner, or by leaving): what was theirs in it is no longer. */
export class MemberLeft {
  constructor(
    readonly garageId: string,
    readonly userId: string,
  ) {}
}
