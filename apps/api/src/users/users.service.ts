import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ConversationParticipant, UserRole, UserView } from '@promoto/shared-dto';
import { Model, Types } from 'mongoose';
import { User, UserDocument } from './user.schema';

export interface NewUser {
  email: string;
  passwordHash: string;
  name: string;
  role: UserRole;
}

@Injectable()
export class UsersService {
  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  create(user: NewUser): Promise<UserDocument> {
    return this.users.create(user);
  }

  findByEmail(email: string): Promise<UserDocument | null> {
    return this.users.findOne({ email: email.toLowerCase() }).exec();
  }

  findById(id: string | Types.ObjectId): Promise<UserDocument | null> {
    return this.users.findById(id).exec();
  }

  async attachGarage(userId: Types.ObjectId, garageId: Types.ObjectId, garageName: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { garageId, garageName } }).exec();
  }

  async remove(userId: Types.ObjectId): Promise<void> {
    await this.users.deleteOne({ _id: userId }).exec();
  }

  static toView(user: UserDocument): UserView {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      ...(user.garageId ? { garageId: user.garageId.toHexString() } : {}),
    };
  }

  static toParticipant(user: UserDocument): ConversationParticipant {
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      ...(user.garageName ? { garageName: user.garageName } : {}),
    };
  }
}
