export { MailModule } from './mail.module';
export { MailService } from './mail.service';
export type { OutgoingMail } from './mail.service';
export { MailRenderer } from './mail.renderer';
export type { RenderedMail } from './mail.renderer';
export { MailDelivery } from './mail-delivery.service';
export type { DeliveryOutcome, DeliveryOptions } from './mail-delivery.service';
export { CapturedMailService } from './captured-mail.service';
export type { CapturedMailView } from './captured-mail.service';
export {
  MAIL_TEMPLATES,
  MAIL_TEMPLATE_NAMES,
  SECRET_PARAMS,
  PermanentMailError,
  isMailTemplate,
  checkMailParams,
} from './mail-templates';
export type { MailTemplate, MailParams, MailParamValue } from './mail-templates';
export { MailMessage } from './mail-message.entity';
export type { MailAttachmentRef, MailStatus } from './mail-message.entity';
export { CapturedMail } from './captured-mail.entity';
export { SMTP_CONNECTIONS } from './mail-transport';
