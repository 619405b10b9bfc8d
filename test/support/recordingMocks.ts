import type * as pulumi from "@pulumi/pulumi";
import { createPlanMocks } from "../../tools/plan/mocks";

/** The plan's mocks, recording the provider reference each resource was registered with, and with a chosen deployer client. */
export function recordingMocks(options: { clientId?: string; stackOutputs?: Record<string, unknown> } = {}): {
  mocks: pulumi.runtime.Mocks;
  providerOf: Map<string, string | undefined>;
} {
  const base = createPlanMocks({ stackOutputs: options.stackOutputs });
  const providerOf = new Map<string, string | undefined>();
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      providerOf.set(args.name, args.provider);
      return base.newResource(args);
    },
    call(args) {
      const result = base.call(args) as Record<string, unknown>;
      if (args.token === "azure-native:authorization:getClientConfig" && options.clientId !== undefined)
        return { ...result, clientId: options.clientId };
      return result;
    },
  };
  return { mocks, providerOf };
}
