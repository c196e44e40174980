/** The table `npm run bench` prints. Pure. */
import { type Figure } from "./results";

const VERDICTS: Readonly<Record<Figure["verdict"], string>> = { pass: "pass", miss: "MISS", info: "" };

/** The figures as a text table, one section after another; long values wrap under their column. */
export function renderTable(figures: readonly Figure[], width = 160): string {
    const nameWidth = Math.max(...figures.map((figure) => figure.name.length));
    const goalWidth = Math.max(4, ...figures.map((figure) => figure.goal.length));
    const valueWidth = Math.max(30, width - nameWidth - goalWidth - 14);
    const lines: string[] = [];
    let section: string | undefined;
    for (const figure of figures) {
        if (figure.section !== section) {
            section = figure.section;
            lines.push("", `${section}`, `  ${"figure".padEnd(nameWidth)}  ${"measured".padEnd(valueWidth)}  ${"goal".padEnd(goalWidth)}  verdict`);
        }
        const [first = "", ...rest] = wrap(figure.value, valueWidth);
        lines.push(`  ${figure.name.padEnd(nameWidth)}  ${first.padEnd(valueWidth)}  ${figure.goal.padEnd(goalWidth)}  ${VERDICTS[figure.verdict]}`.trimEnd());
        for (const line of rest) {
            lines.push(`  ${"".padEnd(nameWidth)}  ${line}`);
        }
    }
    const misses = figures.filter((figure) => figure.verdict === "miss").length;
    const goals = figures.filter((figure) => figure.verdict !== "info").length;
    lines.push("", misses === 0 ? `All ${goals} goals met.` : `${misses} of ${goals} goals missed.`);
    return `${lines.join("\n").trimStart()}\n`;
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
        if (line === "") {
            line = word;
        } else if (line.length + 1 + word.length <= width) {
            line = `${line} ${word}`;
        } else {
            lines.push(line);
            line = word;
        }
        while (line.length > width) {
            lines.push(line.slice(0, width));
            line = line.slice(width);
        }
    }
    return [...lines, line];
}
