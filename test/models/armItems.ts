import type { ArmModel } from "../../lib/models/armCompare";

export interface ItemOptions {
  status?: string;
  /** The inference deprecation day (YYYY-MM-DD); each SKU gets it too unless `skuRetires` says otherwise. */
  retires?: string;
  skuRetires?: Record<string, string>;
  kind?: string;
  format?: string;
}

/** One ModelListResult item in the shape of the spec's ListLocationModels example (api-version 2024-10-01). */
export function armItem(name: string, version: string, skus: readonly string[], options: ItemOptions = {}): ArmModel {
  const at = (day: string) => `${day}T00:00:00Z`;
  return {
    kind: options.kind ?? "OpenAI",
    skuName: "S0",
    model: {
      format: options.format ?? "OpenAI",
      name,
      version,
      lifecycleStatus: options.status ?? "GenerallyAvailable",
      capabilities: { chatCompletion: "true" },
      ...(options.retires !== undefined
        ? { deprecation: { fineTune: at(options.retires), inference: at(options.retires) } }
        : {}),
      skus: skus.map((sku) => {
        const retires = options.skuRetires?.[sku] ?? options.retires;
        return {
          name: sku,
          usageName: `OpenAI.${sku}.${name}`,
          capacity: { maximum: 1000, default: 10 },
          ...(retires !== undefined ? { deprecationDate: at(retires) } : {}),
        };
      }),
    },
  };
}
