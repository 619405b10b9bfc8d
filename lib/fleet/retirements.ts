/** Model retirement dates for the fleet rules, read from the model catalog (lib/models/catalog.json). */
import { retirementOf } from "../models/modelCatalog";

/** When a model version retires (410 Gone from that day), or undefined when the catalog knows no date. */
export type RetirementLookup = (model: string, version: string) => Date | undefined;

export const RETIREMENT_SOURCE = "source: lib/models/catalog.json";

export const retirementDate: RetirementLookup = (model, version) => retirementOf(model, version);
