/** The password limits of shared/accounts.ts, said before a request is sent; the server checks again. */
import { limits } from '../../shared/account-limits.ts';

export function passwordProblem(password: string): string | null {
  if (password.length < limits.passwordMin) return `A password has at least ${limits.passwordMin} characters.`;
  if (password.length > limits.passwordMax) return `A password has at most ${limits.passwordMax} characters.`;
  return null;
}
