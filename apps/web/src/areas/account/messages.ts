import { useI18n } from '../../i18n/i18n';

const hu = {
  name: 'Név',
  email: 'E-mail-cím',
  password: 'Jelszó',
  passwordHint: 'Legalább 10 karakter.',
  signIn: 'Belépés',

  invitationTitle: 'Meghívás elfogadása',
  invitationIntro: (name: string) => `Kedves ${name}! Meghívást kapott a Legjobb Önkormányzati Gyakorlatok portáljára.`,
  invitationRole: 'Szerepkör',
  roles: {
    juror: 'bíráló, az Irányító Bizottság tagja',
    coordinator: 'programkoordinátor',
  } as Record<string, string>,
  invitationOrganisation: 'Képviselt szervezet',
  invitationEmail: 'E-mail-cím',
  invitationExpires: 'A meghívó érvényes eddig',
  invitationNewAccount: 'Adja meg a nevét, ahogy a portálon megjelenjen, és válasszon jelszót a fiókjához.',
  invitationExistingAccount:
    'Ehhez az e-mail-címhez már tartozik fiók. Az elfogadás után a meglévő jelszavával lép be, és az új szerepkört is eléri.',
  acceptButton: 'Elfogadom a meghívást',
  accepting: 'Elfogadás…',
  acceptedExisting: 'Elfogadta a meghívást. Lépjen be a meglévő jelszavával.',
  invitationInvalidTitle: 'A meghívó nem érvényes',
  invitationInvalid:
    'Ez a meghívó lejárt, már elfogadták vagy visszavonták. Ha még nincs fiókja, kérjen új meghívót a programkoordinátortól.',
  invitationMissingToken:
    'A hivatkozásból hiányzik a meghívó azonosítója. Nyissa meg a levélben kapott teljes hivatkozást.',

  forgotTitle: 'Elfelejtett jelszó',
  forgotIntro:
    'Adja meg a fiókjához tartozó e-mail-címet. Küldünk rá egy hivatkozást, amellyel új jelszót állíthat be; a hivatkozás egy óráig érvényes.',
  sendLink: 'Hivatkozás küldése',
  sendingLink: 'Küldés…',
  linkSent: (email: string) =>
    `Ha ehhez a címhez (${email}) tartozik fiók, elküldtük rá a hivatkozást. Nézze meg a postafiókját, a levélszemét mappát is.`,
  backToSignIn: 'Vissza a belépéshez',

  resetTitle: 'Új jelszó beállítása',
  resetIntro: 'Válasszon új jelszót. A beállítás után minden korábbi bejelentkezése véget ér.',
  newPassword: 'Új jelszó',
  newPasswordAgain: 'Új jelszó még egyszer',
  passwordsDiffer: 'A két jelszó nem egyezik.',
  setPassword: 'Jelszó beállítása',
  settingPassword: 'Beállítás…',
  resetDone: 'Az új jelszavát beállítottuk. Lépjen be vele.',
  resetMissingToken:
    'A hivatkozásból hiányzik a visszaállító kód. Nyissa meg a levélben kapott teljes hivatkozást, vagy kérjen újat.',
  askNewLink: 'Új hivatkozás kérése',
};

export type AccountMessages = typeof hu;

const en: AccountMessages = {
  name: 'Name',
  email: 'E-mail address',
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  signIn: 'Sign in',

  invitationTitle: 'Accept the invitation',
  invitationIntro: (name: string) =>
    `Dear ${name}, you are invited to the portal of the Best Practices of Local Governments.`,
  invitationRole: 'Role',
  roles: {
    juror: 'juror, member of the steering committee',
    coordinator: 'programme coordinator',
  },
  invitationOrganisation: 'Organisation represented',
  invitationEmail: 'E-mail address',
  invitationExpires: 'The invitation is valid until',
  invitationNewAccount: 'Enter your name as the portal should show it, and choose a password for your account.',
  invitationExistingAccount:
    'An account with this e-mail address exists already. After accepting, sign in with its password; the new role comes with it.',
  acceptButton: 'Accept the invitation',
  accepting: 'Accepting…',
  acceptedExisting: 'You have accepted the invitation. Sign in with your existing password.',
  invitationInvalidTitle: 'The invitation is not valid',
  invitationInvalid:
    'This invitation has expired, has been accepted already or was revoked. If you have no account yet, ask the programme coordinator for a new invitation.',
  invitationMissingToken: 'The link lacks the invitation’s code. Open the whole link from the e-mail.',

  forgotTitle: 'Forgotten password',
  forgotIntro:
    'Enter the e-mail address of your account. We send it a link to set a new password; the link is valid for one hour.',
  sendLink: 'Send the link',
  sendingLink: 'Sending…',
  linkSent: (email: string) =>
    `If an account belongs to this address (${email}), the link is on its way. Check your inbox, the spam folder too.`,
  backToSignIn: 'Back to sign-in',

  resetTitle: 'Set a new password',
  resetIntro: 'Choose a new password. Once it is set, every earlier sign-in ends.',
  newPassword: 'New password',
  newPasswordAgain: 'New password again',
  passwordsDiffer: 'The two passwords differ.',
  setPassword: 'Set the password',
  settingPassword: 'Setting…',
  resetDone: 'Your new password is set. Sign in with it.',
  resetMissingToken: 'The link lacks its reset code. Open the whole link from the e-mail, or ask for a new one.',
  askNewLink: 'Ask for a new link',
};

/** The account pages' texts (invitation, forgotten password) in the chosen language. */
export function useAccountMessages(): AccountMessages {
  return useI18n().lang === 'en' ? en : hu;
}
