import * as fc from "fast-check";
import { rememberLast } from "../../src/bootstrap/rememberLast";

describe("rememberLast", () => {
    it("answers what the function answers, for any sequence of texts, and renders a repeated text once", () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom("a", "b", "c", "")), (texts) => {
                const rendered: string[] = [];
                const remembered = rememberLast((text) => {
                    rendered.push(text);
                    return `<${text}>`;
                });
                expect(texts.map(remembered)).toEqual(texts.map((text) => `<${text}>`));
                // A render per change of text, none for a text repeated right after itself.
                expect(rendered).toEqual(texts.filter((text, index) => index === 0 || texts[index - 1] !== text));
            }),
        );
    });
});
