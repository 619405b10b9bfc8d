import { expect, test } from "vitest";
import { isStackFileName, scanStackFileTexts } from "../../lib/onboarding/addressSpace";

test("stack files already read: taken address spaces and secrets providers by name order; unread or unparsable files apart", () => {
  const scan = scanStackFileTexts([
    {
      name: "Pulumi.b.yaml",
      text: "secretsprovider: azurekeyvault://kv.vault.azure.net/keys/k\nconfig:\n  codex-boundary:networking:\n    addressSpace: 10.60.1.0/24\n",
    },
    { name: "Pulumi.gone.yaml", text: undefined },
    { name: "Pulumi.a.yaml", text: "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.0.0/24\n" },
    { name: "Pulumi.broken.yaml", text: "config: [\n" },
  ]);
  expect(scan).toEqual({
    taken: [
      { file: "Pulumi.a.yaml", addressSpace: "10.60.0.0/24" },
      { file: "Pulumi.b.yaml", addressSpace: "10.60.1.0/24" },
    ],
    unreadable: ["Pulumi.broken.yaml", "Pulumi.gone.yaml"],
    secretsProviders: [{ file: "Pulumi.b.yaml", url: "azurekeyvault://kv.vault.azure.net/keys/k" }],
  });
});

test("only Pulumi.<stack>.yaml names are stack files, not the project file", () => {
  expect(
    ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.org.team.yml", "notes.yaml", "Pulumi.dev.yaml.bak"].filter(
      isStackFileName,
    ),
  ).toEqual(["Pulumi.dev.yaml", "Pulumi.org.team.yml"]);
});
