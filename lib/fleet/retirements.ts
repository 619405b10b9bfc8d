/**
 * Model retirement dates, read through one function so the fleet can switch to the model catalog (lib/models)
 * by replacing `retirementDate` alone. Until then: the built-in table below.
 */

/** When a model version retires (410 Gone from that day), or undefined when no date is known. */
export type RetirementLookup = (model: string, version: string) => Date | undefined;

export const RETIREMENT_SOURCE = "Azure OpenAI model retirement schedule, revision of 2026-07-07";

/** `version` undefined: the date applies to every version of the model (the schedule names no version). */
const RETIREMENTS: ReadonlyArray<{ model: string; version?: string; retiresOn: string }> = [
  { model: "gpt-5.1-codex-max", version: "2025-12-04", retiresOn: "2026-12-05" },
  { model: "gpt-5.2-codex", retiresOn: "2027-01-14" },
  { model: "gpt-5", retiresOn: "2027-02-06" },
  { model: "gpt-5-mini", retiresOn: "2027-02-06" },
  { model: "gpt-5-nano", retiresOn: "2027-02-06" },
  { model: "gpt-5.3-codex", retiresOn: "2027-02-25" },
  { model: "gpt-5-codex", retiresOn: "2027-03-17" },
];

export const retirementDate: RetirementLookup = (model, version) => {
  const entry =
    RETIREMENTS.find((r) => r.model === model && r.version === version) ?? RETIREMENTS.find((r) => r.model === model && r.version === undefined);
  return entry === undefined ? undefined : new Date(`${entry.retiresOn}T00:00:00Z`);
};
