/** The value after `name` in a child's arguments (`--record file`), if given. */
export function option(args: readonly string[], name: string): string | undefined {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
}
