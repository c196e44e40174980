/**
 * The plan report is a list of sections. Each section derives one part of the document from the plan and renders it
 * as text; the JSON document holds each section's data under the section's key. Later parts of the report (an Intune
 * renewal calendar, a diagram) are new sections, not changes to existing ones.
 */
import { type PlanResource } from "../capture";
import { type PolicyEvaluation } from "../policy/evaluate";
import { type ResourceTree } from "./tree";

/** What every section can read. */
export interface PlanContext {
    readonly project: string;
    readonly stack: string;
    /** Every resource, in tree order (a parent before its children, siblings by name then type). */
    readonly resources: readonly PlanResource[];
    /** Resources by URN. */
    readonly byUrn: ReadonlyMap<string, PlanResource>;
    /** How the resources nest. */
    readonly tree: ResourceTree;
    readonly policies: PolicyEvaluation;
}

/** One part of the report. */
export interface ReportSection<T = unknown> {
    /** The section's key in the JSON document. */
    readonly key: string;
    /** Derives the section's data. It must be plain JSON data with secrets redacted. */
    build(context: PlanContext): T;
    /** The section as text lines. */
    render(data: T, context: PlanContext): string[];
}

/** Pads cells into aligned columns. */
export function columns(rows: readonly (readonly string[])[], indent = "  "): string[] {
    const widths: number[] = [];
    for (const row of rows) {
        row.forEach((cell, index) => {
            widths[index] = Math.max(widths[index] ?? 0, cell.length);
        });
    }
    return rows.map((row) => indent + row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join("  ").trimEnd());
}
