/** Drives a dynamic provider the way the Pulumi engine does: `check`, then `create`/`diff`/`update`. */
import type * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

/** `check`s raw inputs and fails the test with the provider's own messages if they are refused. */
export async function checked(provider: pulumi.dynamic.ResourceProvider, raw: Props, olds: Props = {}): Promise<Props> {
    const result = await provider.check!(olds, raw);
    if (result.failures !== undefined && result.failures.length > 0) {
        throw new Error(result.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    }
    return result.inputs as Props;
}

/** `check` then `create`, as `pulumi up` does for a new resource; returns the id and the outputs (the new state). */
export async function created(provider: pulumi.dynamic.ResourceProvider, raw: Props): Promise<{ id: string; outs: Props }> {
    const result = await provider.create(await checked(provider, raw));
    return { id: result.id, outs: result.outs as Props };
}

/** `check`, `diff` and, when the diff asks for it without replacement, `update`, as `pulumi up` does for a change. */
export async function updated(
    provider: pulumi.dynamic.ResourceProvider,
    id: string,
    state: Props,
    raw: Props,
): Promise<{ diff: pulumi.dynamic.DiffResult; outs: Props }> {
    const news = await checked(provider, raw, state);
    const diff = await provider.diff!(id, state, news);
    if (diff.changes !== true || (diff.replaces ?? []).length > 0) {
        return { diff, outs: state };
    }
    return { diff, outs: (await provider.update!(id, state, news)).outs as Props };
}

/**
 * A replacement, as `pulumi up` runs it: `check`, `diff` (which must ask for a replacement, unless `forced`, as with
 * `pulumi up --replace`), then `create` and `delete` in the order the diff asks for; create-before-delete by default.
 * Returns the new resource's id and outputs.
 */
export async function replaced(
    provider: pulumi.dynamic.ResourceProvider,
    id: string,
    state: Props,
    raw: Props,
    options: { forced?: boolean } = {},
): Promise<{ diff: pulumi.dynamic.DiffResult; id: string; outs: Props }> {
    const news = await checked(provider, raw, state);
    const diff = await provider.diff!(id, state, news);
    if (options.forced !== true && (diff.replaces ?? []).length === 0) {
        throw new Error(`the diff asks for no replacement: ${JSON.stringify(diff)}`);
    }
    if (diff.deleteBeforeReplace === true) {
        await provider.delete!(id, state);
    }
    const result = await provider.create(news);
    if (diff.deleteBeforeReplace !== true) {
        await provider.delete!(id, state);
    }
    return { diff, id: result.id, outs: result.outs as Props };
}
