import type * as pulumi from "@pulumi/pulumi";
import { createPlanMocks } from "../../tools/plan/mocks";

/**
 * The plan's mocks, except that the random suffix is the one a deployment drew (`suffix`) instead of the plan's
 * placeholder: the stack's outputs then name resources as after `pulumi up`.
 */
export function deployedMocks(suffix: string): pulumi.runtime.Mocks {
  const plan = createPlanMocks();
  return {
    newResource: async (args) => {
      const result = await plan.newResource(args);
      return args.type === "random:index/randomString:RandomString"
        ? { ...result, state: { ...result.state, result: suffix } }
        : result;
    },
    call: (args) => plan.call(args),
  };
}
