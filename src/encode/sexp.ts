/**
 * S-expressions, as SMT-LIB scripts and solvers' answers are written (SMT-LIB 2.6, section
 * 3.1): atoms, string literals ("..."), quoted symbols (|...|, kept with their bars),
 * parenthesised lists, `;` comments to the end of a line (skipped). Read by
 * smtlib-model.ts (a solver's model as parameters), the fuzz oracle (z3's models) and the
 * tests' ground evaluator of SMT-LIB scripts.
 */
export type Sexp = string | Sexp[];

/** Every top-level S-expression of `text`; throws on unbalanced parentheses. */
export function parseSexps(text: string): Sexp[] {
  const tokens = (text.match(/;[^\n]*|"[^"]*"|\|[^|]*\||\(|\)|[^\s()";|]+/g) ?? []).filter((t) => !t.startsWith(';'));
  let pos = 0;
  const one = (): Sexp => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error('unbalanced: missing )');
    if (t === ')') throw new Error('unbalanced: stray )');
    if (t !== '(') return t;
    const list: Sexp[] = [];
    while (tokens[pos] !== ')') {
      if (pos >= tokens.length) throw new Error('unbalanced: missing )');
      list.push(one());
    }
    pos++;
    return list;
  };
  const out: Sexp[] = [];
  while (pos < tokens.length) out.push(one());
  return out;
}
