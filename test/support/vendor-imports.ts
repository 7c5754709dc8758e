import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A value imported from a package of one of `scopes`, or a use of a module the scan cannot name. */
export interface VendorImport {
  readonly module: string;
  /** The imported name, or `null` when the code uses the module in a way that hides which names it takes. */
  readonly name: string | null;
  readonly file: string;
  /** `static` for an import declaration (loaded when the function starts), `dynamic` for `await import`. */
  readonly kind: 'static' | 'dynamic';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const unwrap = (node: ts.Node): ts.Node => (ts.isParenthesizedExpression(node) ? unwrap(node.parent) : node);

function boundNames(pattern: ts.BindingName | undefined): (string | null)[] {
  if (!pattern || !ts.isObjectBindingPattern(pattern)) return [null];
  return pattern.elements.map((element) => {
    const key = element.propertyName ?? element.name;
    return ts.isIdentifier(key) ? key.text : null;
  });
}

/**
 * The names bound by `const { A, B: c } = await import('m')`, by
 * `const [{ A }, { B }] = await Promise.all([import('m'), import('n')])`, or read by
 * `(await import('m')).A`; `null` for any other use.
 */
function dynamicNames(call: ts.CallExpression): (string | null)[] {
  const parent = unwrap(call.parent);
  if (ts.isArrayLiteralExpression(parent)) {
    const index = parent.elements.indexOf(call);
    const all = unwrap(parent.parent);
    const awaited = ts.isCallExpression(all) ? unwrap(all.parent) : undefined;
    const declaration = awaited && ts.isAwaitExpression(awaited) ? unwrap(awaited.parent) : undefined;
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isArrayBindingPattern(declaration.name)) {
      const element = declaration.name.elements[index];
      return boundNames(element && ts.isBindingElement(element) ? element.name : undefined);
    }
    return [null];
  }
  if (!ts.isAwaitExpression(parent)) return [null];
  const outer = unwrap(parent.parent);
  if (ts.isVariableDeclaration(outer)) return boundNames(outer.name);
  if (ts.isPropertyAccessExpression(outer)) return [outer.name.text];
  return [null];
}

/**
 * Every value `functions/` imports from packages of `scopes` (statically or with `await import`),
 * read with the TypeScript parser; type-only imports are erased and left out.
 */
export function vendorImports(root: string, scopes: readonly string[]): VendorImport[] {
  const inScope = (module: string) => scopes.some((scope) => module.startsWith(`${scope}/`));
  const found: VendorImport[] = [];
  for (const path of sourceFiles(join(root, 'functions'))) {
    const file = relative(root, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && inScope(node.moduleSpecifier.text)) {
        const module = node.moduleSpecifier.text;
        const clause = node.importClause;
        if (clause && !clause.isTypeOnly) {
          if (clause.name) found.push({ module, name: 'default', file, kind: 'static' });
          const bindings = clause.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) found.push({ module, name: null, file, kind: 'static' });
          if (bindings && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) if (!element.isTypeOnly) found.push({ module, name: (element.propertyName ?? element.name).text, file, kind: 'static' });
          }
        }
        if (!clause) found.push({ module, name: null, file, kind: 'static' });
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteral(argument) && inScope(argument.text)) {
          for (const name of dynamicNames(node)) found.push({ module: argument.text, name, file, kind: 'dynamic' });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
