import {
    classifyImage,
    declaredImageInfo,
    DEFAULT_WINDOWS_IMAGE,
    formatAzureImage,
    judgeImage,
    parseAzureImageUrn,
} from "connector-topology";

type Cloud = "azure" | "aws" | "gcp";

const verdicts: [Cloud, string, string][] = [
    ["azure", "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest", "ok"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2022-datacenter-g2:latest", "ok"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2025-datacenter-azure-edition:latest", "ok"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition-core:latest", "server-core"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2022-datacenter-core-g2:latest", "server-core"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2016-datacenter-server-core:latest", "server-core"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2016-datacenter:latest", "too-old"],
    ["azure", "MicrosoftWindowsServer:WindowsServer:2019-datacenter-gensecond:latest", "too-old"],
    ["azure", "Canonical:ubuntu-24_04-lts:server:latest", "unknown"],
    ["azure", "/subscriptions/x/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/conn", "unknown"],
    ["azure", "microsoftcorporation1687208452115:entraprivatenetworkconnector:any:latest", "ok"],
    ["aws", DEFAULT_WINDOWS_IMAGE.aws, "ok"],
    ["aws", "Windows_Server-2022-English-Core-Base", "server-core"],
    ["aws", "Windows_Server-2019-English-Full-Base", "too-old"],
    ["aws", "ami-0123456789abcdef0", "unknown"],
    ["gcp", DEFAULT_WINDOWS_IMAGE.gcp, "ok"],
    ["gcp", "windows-cloud/windows-2022-core", "server-core"],
    ["gcp", "projects/windows-cloud/global/images/windows-server-2016-dc-v20240910", "too-old"],
    ["gcp", "projects/ciem-entra/global/images/connector", "ok"],
];

describe("image catalogue", () => {
    test.each(verdicts)("%s %s is %s", (cloud, image, verdict) => {
        expect(judgeImage(classifyImage(cloud, image)).verdict).toBe(verdict);
    });

    test("reasons name the image and say what to use instead", () => {
        const core = judgeImage(classifyImage("azure", "MicrosoftWindowsServer:WindowsServer:2022-datacenter-core-g2:latest"));
        expect(core.reason).toMatch(/is Server Core; the connector needs the Desktop Experience .* Windows Server 2022/);
        const old = judgeImage(classifyImage("aws", "Windows_Server-2016-English-Full-Base"));
        expect(old.reason).toMatch(/Windows Server 2016; connector hosts must run Windows Server 2022 or later\. Windows Server 2016 reaches end of life in January 2027\./);
        const unknown = judgeImage(classifyImage("aws", "ami-0123456789abcdef0"));
        expect(unknown.reason).toMatch(/ami-0123456789abcdef0 is not a Windows Server image the catalogue recognises.*image override/);
    });

    test("a declared custom image is judged on what is declared", () => {
        expect(judgeImage(declaredImageInfo("gallery image", { windowsServerVersion: 2022, desktopExperience: true })).verdict).toBe("ok");
        expect(judgeImage(declaredImageInfo("gallery image", { windowsServerVersion: 2022, desktopExperience: false })).verdict).toBe("server-core");
    });

    test("Azure URNs round-trip through parse and format", () => {
        const urn = "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest";
        expect(formatAzureImage(parseAzureImageUrn(urn))).toBe(urn);
        expect(formatAzureImage(DEFAULT_WINDOWS_IMAGE.azure)).toBe(urn);
        expect(formatAzureImage({ id: "/subscriptions/x/images/y" })).toBe("/subscriptions/x/images/y");
    });
});
