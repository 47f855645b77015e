import { timingSafeEqual } from "node:crypto";

/** People who can sign in to the bundled development provider. Development and tests only. */
export interface DevAccount {
  /** The OpenID `sub`: stable, so a developer keeps their user across restarts. */
  accountId: string;
  email: string;
  name: string;
}

/** One password for every development account, shown on the sign-in form. */
export const DEV_ACCOUNT_PASSWORD = "jeex-dev";

export const DEV_ACCOUNTS: readonly DevAccount[] = [
  { accountId: "ada", email: "ada@dev.jeex", name: "Ada Lovelace" },
  { accountId: "grace", email: "grace@dev.jeex", name: "Grace Hopper" },
  { accountId: "alan", email: "alan@dev.jeex", name: "Alan Turing" },
];

export const findDevAccount = (accountId: string) => DEV_ACCOUNTS.find((a) => a.accountId === accountId);

/** The account for an email and password typed into the form, if they match. */
export function checkDevCredentials(email: string, password: string): DevAccount | undefined {
  const account = DEV_ACCOUNTS.find((a) => a.email === email.trim().toLowerCase());
  const given = Buffer.from(password);
  const expected = Buffer.from(DEV_ACCOUNT_PASSWORD);
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  return account && matches ? account : undefined;
}
