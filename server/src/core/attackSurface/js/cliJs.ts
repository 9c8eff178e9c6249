/**
 * Command-line entry points (docs/attack-surface.md, Detectors: cli-js): commander and
 * yargs `.command('name <arg>')` (one `cli name` each; `program.name('tool')` /
 * `.scriptName('tool')` in the file makes it `cli tool name`), and — when no such command is
 * visible — a read of `process.argv` (not `argv[0]` / `argv[1]`, the runtime and script
 * paths): one `cli <file base name>` entry point.
 */
import type ts from 'typescript';
import { addEntry } from './jsEmit';
import type { JsContext } from './jsContext';

const CLI_MODULES = ['commander', 'yargs', 'yargs/yargs', 'sade', 'cac'];

export class CliDetector {
  private programName: string | undefined;
  private argvRead: ts.Node | undefined;
  private readonly commands: Array<ReturnType<typeof addEntry>> = [];

  constructor(private readonly ctx: JsContext) {}

  call(call: ts.CallExpression): boolean {
    const ctx = this.ctx;
    const t = ctx.ts;
    const callee = call.expression;
    if (!t.isPropertyAccessExpression(callee) || !ctx.importsAny(CLI_MODULES)) return false;
    const name = callee.name.text;
    if (name === 'name' || name === 'scriptName') {
      if (call.arguments.length === 1) this.programName ??= ctx.constantString(call.arguments[0]);
      return false;
    }
    if (name !== 'command') return false;
    let arg: ts.Node | undefined = call.arguments[0];
    if (!arg) return false;
    if (t.isArrayLiteralExpression(arg)) arg = arg.elements[0];
    if (arg && t.isObjectLiteralExpression(arg)) arg = ctx.property(arg, 'command');
    const text = ctx.constantString(arg);
    const word = text?.trim().split(/\s+/)[0];
    if (word === '$0' || word === '*') return false; // the default command: the program itself
    const e = addEntry(ctx, call, {
      kind: 'cli',
      framework: 'cli-js',
      path: word ? { text: word, dynamic: false } : { text: '*', dynamic: true },
    });
    if (e) this.commands.push(e);
    return true;
  }

  /** A `process.argv` expression (the walk's property-access visitor). */
  argv(node: ts.PropertyAccessExpression): void {
    const t = this.ctx.ts;
    if (this.argvRead) return;
    if (!t.isIdentifier(node.expression) || node.expression.text !== 'process' || node.name.text !== 'argv') return;
    if (this.ctx.lookup(node.expression)) return; // a local named `process`
    const p = node.parent;
    if (t.isElementAccessExpression(p) && p.expression === node && t.isNumericLiteral(p.argumentExpression)) {
      if (Number(p.argumentExpression.text) < 2) return;
    }
    this.argvRead = node;
  }

  finish(): void {
    for (const e of this.commands) if (e && this.programName) e.path = `${this.programName} ${e.path}`;
    if (this.commands.length > 0 || !this.argvRead) return;
    const base = this.ctx.file.slice(this.ctx.file.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    addEntry(this.ctx, this.argvRead, { kind: 'cli', framework: 'cli-js', path: base });
  }
}
