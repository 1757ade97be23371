export type { Binding } from './binding.ts';
export { BindingsRepository, type BindingWrite } from './bindings-repository.ts';
export { ExtensionCredentials } from './extension-credentials.ts';
export { LocationService } from './location-service.ts';
export { contactHeaders, DEFAULT_REGISTER_POLICY, decideRegister, type RegisterPolicy } from './register-decision.ts';
export { Registrar, type RegistrarDeps } from './registrar.ts';
