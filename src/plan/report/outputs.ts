/** The stack outputs section: what the program exports, as `pulumi preview` lists it (values from the mock engine). */
import { redactSecrets, REDACTED } from "../properties";
import { ROOT_STACK_TYPE } from "../urn";
import { type ReportSection } from "./section";

export const outputsSection: ReportSection<Record<string, unknown>> = {
    key: "outputs",
    build(context) {
        const stack = context.resources.find((resource) => resource.type === ROOT_STACK_TYPE);
        return stack === undefined ? {} : (redactSecrets(stack.outputs) as Record<string, unknown>);
    },
    render(outputs) {
        const names = Object.keys(outputs).sort();
        if (names.length === 0) {
            return [];
        }
        const width = Math.max(...names.map((name) => name.length));
        return [
            "Outputs (values from the mock engine):",
            ...names.map((name) => {
                const value = outputs[name];
                return `  ${`${name}:`.padEnd(width + 1)} ${value === REDACTED ? REDACTED : JSON.stringify(value)}`;
            }),
        ];
    },
};
