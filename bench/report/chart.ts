/** The SVG chart of plan time against estate size (bench/plan-scaling.svg). Pure. */

/** One line of the chart: points of (groups, seconds). */
export interface Series {
    readonly label: string;
    readonly color: string;
    readonly dashed?: boolean;
    readonly points: readonly { readonly groups: number; readonly seconds: number }[];
}

const WIDTH = 560;
const HEIGHT = 320;
const MARGIN = { left: 56, right: 150, top: 28, bottom: 44 };

/** A round step for an axis that runs from 0 to `max`, with about five ticks. */
export function tickStep(max: number): number {
    if (!(max > 0)) {
        return 1;
    }
    const rough = max / 5;
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough);
    return step ?? 10 * power;
}

function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Renders the series on linear axes (a straight line is linear scaling). */
export function renderChart(title: string, series: readonly Series[]): string {
    const points = series.flatMap((line) => line.points);
    const xStep = tickStep(Math.max(1, ...points.map((point) => point.groups)));
    const yStep = tickStep(Math.max(1, ...points.map((point) => point.seconds)));
    const xMax = Math.ceil(Math.max(1, ...points.map((point) => point.groups)) / xStep) * xStep;
    const yMax = Math.ceil(Math.max(1, ...points.map((point) => point.seconds)) / yStep) * yStep;
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const x = (groups: number): number => MARGIN.left + (groups / xMax) * plotWidth;
    const y = (seconds: number): number => MARGIN.top + plotHeight - (seconds / yMax) * plotHeight;
    const parts: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
        `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
        `<text x="${MARGIN.left}" y="16" font-size="13" font-weight="bold">${escape(title)}</text>`,
    ];
    for (let tick = 0; tick <= xMax; tick += xStep) {
        parts.push(
            `<line x1="${x(tick).toFixed(1)}" y1="${y(0).toFixed(1)}" x2="${x(tick).toFixed(1)}" y2="${y(yMax).toFixed(1)}" stroke="#eee"/>`,
            `<text x="${x(tick).toFixed(1)}" y="${(y(0) + 14).toFixed(1)}" text-anchor="middle">${tick}</text>`,
        );
    }
    for (let tick = 0; tick <= yMax; tick += yStep) {
        parts.push(
            `<line x1="${x(0).toFixed(1)}" y1="${y(tick).toFixed(1)}" x2="${x(xMax).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#eee"/>`,
            `<text x="${(x(0) - 6).toFixed(1)}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${tick}</text>`,
        );
    }
    parts.push(
        `<line x1="${x(0)}" y1="${y(0)}" x2="${x(xMax)}" y2="${y(0)}" stroke="#333"/>`,
        `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(yMax)}" stroke="#333"/>`,
        `<text x="${(x(0) + plotWidth / 2).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">connector groups (3 connectors, 5 apps each)</text>`,
        `<text transform="translate(14 ${(MARGIN.top + plotHeight / 2).toFixed(1)}) rotate(-90)" text-anchor="middle">seconds</text>`,
    );
    series.forEach((line, index) => {
        const sorted = [...line.points].sort((a, b) => a.groups - b.groups);
        const path = sorted.map((point) => `${x(point.groups).toFixed(1)},${y(point.seconds).toFixed(1)}`).join(" ");
        const dash = line.dashed ? ` stroke-dasharray="5 3"` : "";
        parts.push(`<polyline points="${path}" fill="none" stroke="${line.color}" stroke-width="2"${dash}/>`);
        for (const point of sorted) {
            parts.push(`<circle cx="${x(point.groups).toFixed(1)}" cy="${y(point.seconds).toFixed(1)}" r="3" fill="${line.color}"/>`);
        }
        const legendY = MARGIN.top + 12 + index * 18;
        const legendX = WIDTH - MARGIN.right + 12;
        parts.push(
            `<line x1="${legendX}" y1="${legendY - 4}" x2="${legendX + 18}" y2="${legendY - 4}" stroke="${line.color}" stroke-width="2"${dash}/>`,
            `<text x="${legendX + 24}" y="${legendY}">${escape(line.label)}</text>`,
        );
    });
    parts.push("</svg>");
    return `${parts.join("\n")}\n`;
}
