import { JsRule } from '../ruleTypes';
import { childProcessDynamic } from './childProcessDynamic';
import { childProcessShell } from './childProcessShell';
import { dynamicRequire } from './dynamicRequire';
import { evalDynamic } from './evalDynamic';
import { functionConstructor } from './functionConstructor';
import { openRedirect } from './openRedirect';
import { pathTraversal } from './pathTraversal';
import { prototypePollution } from './prototypePollution';
import { reactDangerousHtml } from './reactDangerousHtml';
import { sqlConcat } from './sqlConcat';
import { ssrf } from './ssrf';
import { stringTimer } from './stringTimer';
import { unsafeDeserialization } from './unsafeDeserialization';
import { xssDocumentWrite } from './xssDocumentWrite';
import { xssInnerHtml } from './xssInnerHtml';
import { xxe } from './xxe';

/** Injection rules: code execution, commands, paths, SQL, XSS, redirects, SSRF, prototype pollution, deserialization, XXE. */
export const injectionRules: JsRule[] = [
  evalDynamic,
  functionConstructor,
  stringTimer,
  dynamicRequire,
  childProcessDynamic,
  childProcessShell,
  pathTraversal,
  sqlConcat,
  xssInnerHtml,
  xssDocumentWrite,
  reactDangerousHtml,
  openRedirect,
  ssrf,
  prototypePollution,
  unsafeDeserialization,
  xxe,
];
