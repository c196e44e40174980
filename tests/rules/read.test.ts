import fc from "fast-check";
import {
    collectStrings,
    isInside,
    isUnknown,
    parseUrn,
    read,
    readArray,
    readBoolean,
    readElements,
    readIsSecret,
    readString,
    readStringMap,
    type Unknown,
} from "../../src/rules/read";
import { previewProps, secretEnvelope, UNKNOWN_OBJECT, UNKNOWN_STRING, UnknownValueError } from "./fixtures";

describe("reading props as the policy engine presents them", () => {
    it("returns an Unknown that keeps the engine's error when preview cannot know a value", () => {
        const props = previewProps({ hardwareProfile: { vmSize: UNKNOWN_STRING } });
        const size = readString(props, "hardwareProfile", "vmSize");
        expect(isUnknown(size)).toBe(true);
        expect((size as Unknown).path).toBe("hardwareProfile.vmSize");
        expect((size as Unknown).cause).toBeInstanceOf(UnknownValueError);
    });

    it("propagates an unknown container to everything read below it", () => {
        const props = previewProps({ storageProfile: UNKNOWN_OBJECT });
        const sku = read(props, "storageProfile", "imageReference", "sku");
        expect(isUnknown(sku)).toBe(true);
        expect((sku as Unknown).cause).toBeInstanceOf(UnknownValueError);
    });

    it("recognises raw sentinels too (props captured without the engine's proxy)", () => {
        expect(isUnknown(readString({ ami: UNKNOWN_STRING }, "ami"))).toBe(true);
    });

    it("lets errors other than the engine's unknowns through", () => {
        const exploding = new Proxy({}, { get: () => { throw new RangeError("boom"); } });
        expect(() => read(exploding, "anything")).toThrow(RangeError);
    });

    it("opens Pulumi secret envelopes and remembers that the value was secret", () => {
        const props = { userData: secretEnvelope("token"), osProfile: secretEnvelope({ customData: "abc" }) };
        expect(read(props, "userData")).toBe("token");
        expect(readIsSecret(props, "userData")).toBe(true);
        expect(readString(props, "osProfile", "customData")).toBe("abc");
        expect(readIsSecret(props, "osProfile", "customData")).toBe(true);
        expect(readIsSecret({ userData: "plain" }, "userData")).toBe(false);
    });

    it("reads typed values and leaves out what has the wrong type", () => {
        const props = { a: "x", b: 3, c: "true", d: false, list: ["p", UNKNOWN_STRING, "q"], map: { k: "v", n: 1 } };
        expect(readString(props, "b")).toBeUndefined();
        expect(readBoolean(props, "c")).toBe(true);
        expect(readBoolean(props, "d")).toBe(false);
        expect(readArray(props, "a")).toBeUndefined();
        const unknowns: Unknown[] = [];
        expect(readElements(props, ["list"], unknowns)).toEqual([[0, "p"], [2, "q"]]);
        expect(unknowns).toHaveLength(1);
        expect([...(readStringMap(props, "map") as Map<string, string>)]).toEqual([["k", "v"]]);
    });

    it("collects every string of a nested value with its path, and the unknowns met", () => {
        const props = previewProps({ settings: { commandToExecute: "run.ps1", nested: { list: ["a", UNKNOWN_STRING] } } });
        const { strings, unknowns } = collectStrings(props, "settings");
        expect(strings.map((s) => [s.path, s.text])).toEqual([
            ["settings.commandToExecute", "run.ps1"],
            ["settings.nested.list.0", "a"],
        ]);
        expect(unknowns).toHaveLength(1);
    });

    it("reads any plain JSON value exactly as direct access does", () => {
        fc.assert(
            fc.property(fc.jsonValue(), fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.nat(3)), { maxLength: 4 }), (value, path) => {
                let expected: unknown = value;
                for (const key of path) {
                    expected = expected !== null && typeof expected === "object" ? (expected as Record<string, unknown>)[key] : undefined;
                }
                expect(read(value, ...path)).toEqual(expected);
            }),
        );
    });
});

describe("URNs", () => {
    const urn = "urn:pulumi:dev::estate::connector-topology:index:ConnectorGroup$azure-native:compute:VirtualMachine::eu::vm-1";

    it("parses the parent type chain and a name that contains '::'", () => {
        expect(parseUrn(urn)).toEqual({
            stack: "dev",
            project: "estate",
            typeChain: ["connector-topology:index:ConnectorGroup", "azure-native:compute:VirtualMachine"],
            name: "eu::vm-1",
        });
        expect(parseUrn("not-a-urn")).toBeUndefined();
    });

    it("tells whether a resource sits inside a component type, not counting its own type", () => {
        expect(isInside(urn, "connector-topology:index:ConnectorGroup")).toBe(true);
        expect(isInside(urn, "azure-native:compute:VirtualMachine")).toBe(false);
    });
});
