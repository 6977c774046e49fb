import { vehicleLabel, type BookingVehicle } from '@promoto/shared-dto';

/**
 * The text of a reminder's notice, stored as the message's content so that previews, e-mails and
 * pushes say it: « Rappel de Garage du Parc pour votre Renault Clio · AB-123-CD : Vidange dans 6 mois ».
 */
export const reminderNoticeText = (garageName: string, vehicle: BookingVehicle, text: string): string =>
  `Rappel de ${garageName} pour votre ${vehicleLabel(vehicle)} : ${text}`;
