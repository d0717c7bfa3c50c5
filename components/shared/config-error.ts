/**
 * A misconfigured element: names the element and the attribute, so the mistake is found at once
 * rather than showing a person a broken notice. Modelled on GOV.UK Frontend's ConfigError.
 */
export class FwConfigError extends Error {
  override name = 'FwConfigError';

  constructor(
    readonly tagName: string,
    readonly attribute: string,
    problem: string,
  ) {
    super(`<${tagName}> ${attribute}: ${problem}`);
  }
}
