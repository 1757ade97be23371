export { type ApplyOptions, type ApplySummary, applyProvisioning } from './apply.ts';
export { exportProvisioning, exportProvisioningYaml } from './export.ts';
export { keyPath, parseProvisionYaml, validateProvisionDocument } from './parse.ts';
export { ProvisionFile } from './schema.ts';
