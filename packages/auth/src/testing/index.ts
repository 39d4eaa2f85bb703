export {
  createTestIssuer,
  TestIssuer,
  type SignOptions,
  type TestIssuerOptions,
} from './test-issuer.js';
