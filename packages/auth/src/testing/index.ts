export {
  asUser,
  createTestIssuer,
  TestIssuer,
  type SignOptions,
  type TestAlgorithm,
  type TestIssuerOptions,
} from './test-issuer.js';
export { trustIssuer } from './trust-issuer.js';
