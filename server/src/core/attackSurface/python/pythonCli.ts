/**
 * Python command lines (docs/attack-surface.md, Detectors, Python): argparse sub-commands
 * (`subparsers.add_parser('serve')` → `cli tool serve`) or a lone `ArgumentParser` (`cli
 * tool`), click `@click.group()` / `@click.command()` / `@cli.command('name')`, typer
 * `@app.command()`, and a script that reads `sys.argv`. The program is named after the file
 * (`tool.py` → `tool`, `pkg/__main__.py` → `pkg`) unless `ArgumentParser(prog='…')` says.
 */
import { guarded, lineStart, type PyContext, type PyDecorator } from './pythonContext';

export function readPythonCli(ctx: PyContext): void {
  if (!ctx.options.enabled('python-cli')) return;
  const before = ctx.surface.entryPoints.length;
  readClick(ctx);
  readArgparse(ctx);
  if (ctx.surface.entryPoints.slice(before).some((e) => e.kind === 'cli')) return;
  const argv = /(?<![\w.])sys\.argv\b/.exec(ctx.code);
  if (argv) {
    const end = argv.index + argv[0].length;
    ctx.entry({
      kind: 'cli',
      framework: 'python-cli',
      path: ctx.stem,
      range: ctx.st.range(argv.index, end),
      declaredAt: [ctx.st.declared(lineStart(ctx.code, argv.index), end)],
    });
  }
}

/** A command's name: its first argument or `name=`, else the function name with `_` as `-` (click ≥ 7). */
function commandName(ctx: PyContext, d: PyDecorator): string | undefined {
  if (d.call) {
    const { pos, kw } = ctx.args(d.call);
    const n = pos[0] ?? kw.get('name');
    const v = n ? ctx.stringValue({ start: n.valueStart, end: n.end }) : undefined;
    if (v && !v.dynamic) return v.value;
  }
  return d.def?.name.replace(/_/g, '-');
}

function readClick(ctx: PyContext): void {
  // group function → its command path
  const groups = new Map<string, string>();
  const typerCommands = new Map<string, PyDecorator[]>();
  const standalone: PyDecorator[] = [];
  for (const d of ctx.decorators) {
    if (!d.def) continue;
    guarded(ctx, d.start, () => {
      const dot = d.name.lastIndexOf('.');
      const receiver = d.name.slice(0, Math.max(0, dot));
      const what = d.name.slice(dot + 1);
      if (what !== 'command' && what !== 'group') return;
      if (receiver === 'click' && ctx.imports.click) {
        if (what === 'group') {
          groups.set(d.def!.name, ctx.stem);
          push(ctx, d, ctx.stem);
        } else standalone.push(d);
        return;
      }
      const parent = groups.get(receiver);
      if (parent !== undefined) {
        const path = `${parent} ${commandName(ctx, d) ?? '*'}`;
        if (what === 'group') groups.set(d.def!.name, path);
        push(ctx, d, path);
        return;
      }
      // Flask's own command line: `@app.cli.command('seed')` → `flask seed`
      if (
        what === 'command' &&
        receiver.endsWith('.cli') &&
        ctx.objects.get(receiver.slice(0, -4))?.kind === 'flask-app'
      ) {
        push(ctx, d, `flask ${commandName(ctx, d) ?? '*'}`);
        return;
      }
      if (what === 'command' && ctx.objects.get(receiver)?.kind === 'typer') {
        const list = typerCommands.get(receiver) ?? [];
        list.push(d);
        typerCommands.set(receiver, list);
      }
    });
  }
  for (const d of standalone) {
    const name = d.def!.name;
    push(
      ctx,
      d,
      standalone.length === 1 || /^(?:main|cli|run)$/.test(name) ? ctx.stem : `${ctx.stem} ${commandName(ctx, d)}`,
    );
  }
  // A typer application with one command runs it as the program itself.
  for (const list of typerCommands.values())
    for (const d of list) push(ctx, d, list.length === 1 ? ctx.stem : `${ctx.stem} ${commandName(ctx, d)}`);
}

function push(ctx: PyContext, d: PyDecorator, path: string): void {
  ctx.entry({
    kind: 'cli',
    framework: 'python-cli',
    path,
    range: ctx.st.range(d.start, d.end),
    handler: ctx.st.range(d.def!.start, d.def!.lineEnd),
    declaredAt: [{ line: ctx.st.commentBlockStart(d.stackLine), endLine: ctx.st.line(d.def!.start) }],
  });
}

function readArgparse(ctx: PyContext): void {
  if (!/\bArgumentParser\b/.test(ctx.code)) return;
  const parsers = ctx.st
    .calls('ArgumentParser')
    .filter((c) => c.callee === 'ArgumentParser' || c.callee === 'argparse.ArgumentParser');
  if (parsers.length === 0) return;
  const prog = (() => {
    const p = ctx.args(parsers[0]!).kw.get('prog');
    const v = p ? ctx.stringValue({ start: p.valueStart, end: p.end }) : undefined;
    return v && !v.dynamic ? v.value : ctx.stem;
  })();
  const subs = ctx.st.calls('add_parser').filter((c) => c.callee.includes('.'));
  for (const call of subs) {
    guarded(ctx, call.start, () => {
      const { pos, kw } = ctx.args(call);
      const n = pos[0] ?? kw.get('name');
      const v = n ? ctx.stringValue({ start: n.valueStart, end: n.end }) : undefined;
      ctx.entry({
        kind: 'cli',
        framework: 'python-cli',
        path: `${prog} ${v?.value ?? '*'}`,
        ...(!v || v.dynamic ? { dynamic: true } : {}),
        range: ctx.st.range(call.start, call.end),
        declaredAt: [ctx.st.declared(lineStart(ctx.code, call.start), call.end)],
      });
    });
  }
  if (subs.length > 0) return;
  const first = parsers[0]!;
  ctx.entry({
    kind: 'cli',
    framework: 'python-cli',
    path: prog,
    range: ctx.st.range(first.start, first.end),
    declaredAt: [ctx.st.declared(lineStart(ctx.code, first.start), first.end)],
  });
}
