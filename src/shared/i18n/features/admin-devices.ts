/**
 * Administration → Konton: a person's devices (issue 18). Loaded with the admin screen's lazy
 * chunk, not in the first load.
 */
const sv = {
  disableConfirm: 'Stänga av kontot för {name}? Alla enheter där kontot är inloggat loggas ut.',
  showDevices: 'Inloggade enheter',
  hideDevices: 'Dölj enheter',
  devicesOf: 'Enheter för {name}',
  noDevices: 'Inte inloggad på någon enhet.',
  endDevice: 'Logga ut',
  endDeviceConfirm: 'Logga ut {name} från {label}? Enheten måste logga in igen.',
  loggedOut: 'utloggad',
};
const en: typeof sv = {
  disableConfirm: 'Disable the account of {name}? Every device the account is logged in on is logged out.',
  showDevices: 'Logged-in devices',
  hideDevices: 'Hide devices',
  devicesOf: 'Devices of {name}',
  noDevices: 'Not logged in on any device.',
  endDevice: 'Log out',
  endDeviceConfirm: 'Log {name} out of {label}? The device must log in again.',
  loggedOut: 'logged out',
};
export const adminDeviceTexts = { sv, en };
