import { renderConfigReference } from "../lib/config/reference";
process.stdout.write(renderConfigReference());
