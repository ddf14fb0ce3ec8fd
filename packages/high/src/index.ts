/**
 * `@gssapi/high`: the object model over `@gssapi/raw` (`Name`, `Credentials`,
 * `SecurityContext`, `Mechanism`). This first release re-exports the shared
 * types and errors so application code can import them from one place; the
 * classes follow.
 *
 * @example
 * ```ts
 * import { NameType, RequirementFlag, GSSError } from '@gssapi/high';
 * ```
 *
 * @packageDocumentation
 */
export {
  AddressType,
  ChannelBindings,
  FlagSet,
  GSSError,
  MechType,
  NameType,
  OID,
  OIDSet,
  RequirementFlag,
} from '@gssapi/raw';
