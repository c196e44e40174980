/** The plan report: its sections, the JSON document and the text rendering. */
import { outputsSection } from "./outputs";
import { policiesSection, remediationsSection, violationsSection } from "./policies";
import { renewalCalendarSection } from "./renewalCalendar";
import { resourcesSection } from "./resources";
import { type PlanContext, type ReportSection } from "./section";
import { topologySection } from "./topology";

export * from "./section";
export * from "./tree";
export { resourcesSection, type ResourceEntry } from "./resources";
export { buildTopology, topologySection, type Topology, type TopologyApp, type TopologyFleet, type TopologyGroup, type TopologyHost } from "./topology";
export { outputsSection } from "./outputs";
export { renewalCalendarSection, type RenewalCalendarFleet, type RenewalCalendarReport } from "./renewalCalendar";
export { policiesSection, remediationsSection, violationsSection, type ViolationEntry } from "./policies";

/** The version of the JSON document's shape. It changes only when a field changes meaning or goes away. */
export const REPORT_SCHEMA_VERSION = 1;

/** The sections of the default report, in the order they print. */
export const DEFAULT_SECTIONS: readonly ReportSection[] = [
    resourcesSection,
    outputsSection,
    topologySection,
    renewalCalendarSection,
    violationsSection,
    remediationsSection,
    policiesSection,
] as readonly ReportSection[];

/** The JSON document: project, stack, the verdict, then one key per section. */
export interface PlanDocument {
    schemaVersion: number;
    project: string;
    stack: string;
    /** 0 = no mandatory violation, 1 = at least one. */
    exitCode: 0 | 1;
    summary: { resources: number; mandatoryViolations: number; advisoryViolations: number };
    /** Things the plan could not do offline (e.g. ESC environments it could not open). */
    warnings: string[];
    [section: string]: unknown;
}

/** Builds the document and the text of a plan. */
export function buildReport(
    context: PlanContext,
    sections: readonly ReportSection[],
    warnings: readonly string[],
): { document: PlanDocument; text: string } {
    const mandatory = context.policies.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = context.policies.violations.length - mandatory;
    const exitCode = mandatory > 0 ? 1 : 0;
    const document: PlanDocument = {
        schemaVersion: REPORT_SCHEMA_VERSION,
        project: context.project,
        stack: context.stack,
        exitCode,
        summary: { resources: context.resources.length, mandatoryViolations: mandatory, advisoryViolations: advisory },
        warnings: [...warnings],
    };
    const blocks: string[][] = [[`Plan for stack ${context.stack} of project ${context.project} (offline, mock engine)`]];
    for (const section of sections) {
        const data = section.build(context);
        document[section.key] = data;
        const lines = section.render(data, context);
        if (lines.length > 0) {
            blocks.push(lines);
        }
    }
    blocks.push([
        mandatory > 0
            ? `Result: ${mandatory} mandatory policy violation(s): \`pulumi up\` would be blocked.`
            : `Result: no mandatory policy violation${advisory > 0 ? ` (${advisory} advisory)` : ""}.`,
    ]);
    return { document, text: `${blocks.map((block) => block.join("\n")).join("\n\n")}\n` };
}
