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
