import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { type DiagnosticLog, PRIVATE_WORKSPACE } from "../lib/azure/diagnostics";
import { formerlyNamed } from "./formerNames";

export interface AuditTarget {
  label: string;
  resourceId: pulumi.Input<string>;
  /** Sent as given: lib/azure/diagnostics.ts categoryGroupLogs is the shape the built-in DINE definitions accept. */
  logs: readonly DiagnosticLog[];
  metrics: boolean;
  dependsOn: pulumi.Resource[];
}

export interface AuditLogsArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  workspaceName: string;
  /** An existing Log Analytics workspace; when unset a workspace is created. */
  existingWorkspaceId?: string;
  retentionDays: number;
  targets: readonly AuditTarget[];
  tags: Record<string, string>;
}

/** Where audit logs go: a Log Analytics workspace (new or existing) and a diagnostic setting per audited resource. */
export class AuditLogs extends pulumi.ComponentResource {
  readonly workspaceId: pulumi.Output<string>;
  /** The diagnostic settings by target label. */
  readonly settings = new Map<string, monitor.DiagnosticSetting>();

  constructor(name: string, args: AuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("codex-boundary:azure:AuditLogs", name, {}, opts);
    if (args.existingWorkspaceId !== undefined) {
      this.workspaceId = pulumi.output(args.existingWorkspaceId);
    } else {
      const workspace = new operationalinsights.Workspace(
        `${name}-workspace`,
        {
          workspaceName: args.workspaceName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          sku: { name: "PerGB2018" },
          retentionInDays: args.retentionDays,
          ...PRIVATE_WORKSPACE,
          tags: args.tags,
        },
        { parent: this, ...formerlyNamed("workspace", `${name}-workspace`) },
      );
      this.workspaceId = workspace.id;
    }
    for (const target of args.targets) {
      const setting = new monitor.DiagnosticSetting(
        `${name}-diag-${target.label}`,
        {
          name: `codex-boundary-audit`,
          resourceUri: target.resourceId,
          workspaceId: this.workspaceId,
          logs: target.logs.map((log) => ({ ...log })),
          metrics: target.metrics ? [{ category: "AllMetrics", enabled: true }] : [],
        },
        {
          parent: this,
          dependsOn: target.dependsOn,
          ...formerlyNamed(`diag-${target.label}`, `${name}-diag-${target.label}`),
        },
      );
      this.settings.set(target.label, setting);
    }
    this.registerOutputs({ workspaceId: this.workspaceId });
  }
}
