/**
 * `render`, remembering its last argument and result. A group's hosts share one bootstrap script, and each host
 * encodes, hashes or packs it in turn: with this, each happens once per script, and no cache grows with the estate.
 * For pure functions of a string only.
 */
export function rememberLast<R>(render: (text: string) => R): (text: string) => R {
    let last: { readonly text: string; readonly result: R } | undefined;
    return (text) => {
        if (last?.text !== text) {
            last = { text, result: render(text) };
        }
        return last.result;
    };
}
