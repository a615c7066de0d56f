/**
 * Every MongoDB call in a source tree whose filter names `_id` and something more, found by parsing
 * the TypeScript sources. The embedded database (FerretDB on SQLite) finds a document by index only
 * for a filter that is exactly `{ _id }`; `{ _id, status }`, `{ _id: { $eq } }` or `{ _id: { $in } }`
 * read the whole collection, inside the write for an update.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const methods = new Set([
  'find',
  'findOne',
  'countDocuments',
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
]);

export interface ConditionalIdFilter {
  /** `server/sync/leases.ts › drop` */
  where: string;
  text: string;
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

const nameOf = (name: ts.PropertyName | undefined) =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;

/** Whether a filter literal is anything but exactly `{ _id: <value> }`, while naming `_id`. */
function conditional(filter: ts.ObjectLiteralExpression): boolean {
  const id = filter.properties.find(
    (p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && nameOf(p.name) === '_id',
  );
  if (!id) return false;
  if (filter.properties.length > 1) return true;
  // `{ _id: { $in: [...] } }`, `{ _id: { $eq: x } }`: an operator on _id is a scan too.
  return ts.isPropertyAssignment(id) && ts.isObjectLiteralExpression(id.initializer);
}

function enclosingName(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) return n.name.getText();
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isPropertyAssignment(n) && nameOf(n.name)) return nameOf(n.name)!;
  }
  return '(module)';
}

export function conditionalIdFilters(root: string, directory: string): ConditionalIdFilter[] {
  const found: ConditionalIdFilter[] = [];
  for (const file of sourceFiles(path.join(root, directory))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        methods.has(node.expression.name.text)
      ) {
        let filter = node.arguments[0];
        while (filter && (ts.isAsExpression(filter) || ts.isParenthesizedExpression(filter)))
          filter = filter.expression;
        if (filter && ts.isObjectLiteralExpression(filter) && conditional(filter))
          found.push({
            where: `${path.relative(root, file)} › ${enclosingName(node)}`,
            text: filter.getText().replace(/\s+/g, ' ').slice(0, 120),
          });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
