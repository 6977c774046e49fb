/** A member left their garage (removed by an owner, or by leaving): what was theirs in it is no longer. */
export class MemberLeft {
  constructor(
    readonly garageId: string,
    readonly userId: string,
  ) {}
}

/** An account joined a garage's team (an invitation accepted, with a new account or its own). */
export class MemberJoined {
  constructor(
    readonly garageId: string,
    readonly userId: string,
  ) {}
}
