/**
 * The catalogue used when no config file names products: a suite modelled on the November 2013
 * Office 365 incidents that the demo replays (DESIGN.md). A real deployment lists its own products.
 */
export const defaultProducts = [
  {
    id: 'exchange-online',
    name: 'Exchange Online',
    aliases: ['EXO', 'Exchange', 'OWA', 'Outlook on the web', 'Outlook Web App', 'Outlook', 'email', 'e-mail', 'mail'],
    components: ['Exchange Online', 'E-Mail and calendar access', 'Mail flow'],
  },
  {
    id: 'lync-online',
    name: 'Lync Online',
    aliases: ['Lync', 'Skype for Business', 'SfB', 'instant messaging', 'IM and presence', 'presence'],
    components: ['Lync Online', 'Instant messaging', 'Audio and video', 'Presence'],
  },
  {
    id: 'sharepoint-online',
    name: 'SharePoint Online',
    aliases: ['SharePoint', 'SPO', 'intranet site', 'team site'],
    components: ['SharePoint Online', 'SharePoint features'],
  },
  {
    id: 'onedrive',
    name: 'OneDrive',
    aliases: ['OneDrive for Business', 'SkyDrive', 'ODfB', 'OneDrive'],
    components: ['OneDrive for Business'],
  },
  {
    id: 'office-web-apps',
    name: 'Office Web Apps',
    aliases: ['Word Online', 'Excel Online', 'PowerPoint Online', 'Office Online', 'web apps'],
    components: ['Office Web Apps'],
  },
  {
    id: 'identity',
    name: 'Identity and sign-in',
    aliases: ['Azure AD', 'AAD', 'sign-in', 'sign in', 'login', 'log in', 'SSO', 'ADFS', 'authentication'],
    components: ['Identity Service', 'Sign-in'],
  },
];
