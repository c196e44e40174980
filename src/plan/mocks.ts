/**
 * The mock engine's answers: realistic ids and outputs for the resource types connector-topology creates, and inputs
 * echoed with an id derived from the name for anything else. Every value is derived from the project, the stack and
 * the resource's type and name, so a program always plans to the same document.
 */
import * as pulumi from "@pulumi/pulumi";
import { ENTRA_RESOURCE_TYPES } from "../model/contract";
import { type StackConfig } from "./config";
import { decimalId, documentationIpv4, guid, hexId, privateIpv4 } from "./ids";
import { DYNAMIC_PROVIDER_KEY } from "./properties";
import { isProviderType } from "./urn";

type Props = Record<string, unknown>;

/** What the mocks know beyond the resource itself. */
export interface MockContext {
    readonly project: string;
    readonly stack: string;
    readonly config: StackConfig;
    /** The inputs of an explicit provider, by the reference a resource carries (`<urn>::<id>`). */
    readonly providerInputs: (reference: string) => Props | undefined;
}

// Inputs reach mocks with secrets wrapped (`{<sig>: <secret sig>, value}`): read through them.
function plain(value: unknown): unknown {
    if (typeof value === "object" && value !== null && (value as Props)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) {
        return (value as Props)["value"];
    }
    return value;
}

function text(props: Props | undefined, key: string): string | undefined {
    const value = plain(props?.[key]);
    return typeof value === "string" && value !== "" ? value : undefined;
}

function list(props: Props, key: string): Props[] {
    const value = plain(props[key]);
    return Array.isArray(value) ? value.map((item) => (plain(item) ?? {}) as Props) : [];
}

function configValue(context: MockContext, key: string): string | undefined {
    const value = context.config.values[key];
    return value === undefined || value === "" ? undefined : value;
}

/** Pulumi's auto-naming: the logical name and a suffix of seven hex digits. */
function autoName(type: string, name: string): string {
    return `${name}-${hexId(7, "autoname", type, name)}`;
}

/** The inputs without the serialised provider, which is not state. */
function withoutProvider(inputs: Props): Props {
    const { [DYNAMIC_PROVIDER_KEY]: _provider, ...rest } = inputs;
    return rest;
}

interface MockAnswer {
    id: string | undefined;
    state: Props;
}

type ResourceMock = (args: pulumi.runtime.MockResourceArgs, context: MockContext) => MockAnswer;

function azureSubscription(context: MockContext): string {
    return configValue(context, "azure-native:subscriptionId") ?? guid("subscription", context.project, context.stack);
}

function azureResourceId(context: MockContext, inputs: Props, namespace: string, collection: string, name: string): string {
    const group = text(inputs, "resourceGroupName") ?? "resource-group";
    return `/subscriptions/${azureSubscription(context)}/resourceGroups/${group}/providers/${namespace}/${collection}/${name}`;
}

const azureSucceeded = { provisioningState: "Succeeded" };

const azureVirtualMachine: ResourceMock = ({ type, name, inputs }, context) => {
    const vmName = text(inputs, "vmName") ?? autoName(type, name);
    const osProfile = plain(inputs["osProfile"]) as Props | undefined;
    // Azure never returns the admin password.
    const { adminPassword: _password, ...osProfileState } = osProfile ?? {};
    return {
        id: azureResourceId(context, inputs, "Microsoft.Compute", "virtualMachines", vmName),
        state: {
            ...inputs,
            ...(osProfile !== undefined ? { osProfile: osProfileState } : {}),
            name: vmName,
            vmName,
            vmId: guid("vmId", type, name),
            type: "Microsoft.Compute/virtualMachines",
            ...azureSucceeded,
        },
    };
};

const azureVirtualMachineExtension: ResourceMock = ({ type, name, inputs }, context) => {
    const extensionName = text(inputs, "vmExtensionName") ?? autoName(type, name);
    const vmId = azureResourceId(context, inputs, "Microsoft.Compute", "virtualMachines", text(inputs, "vmName") ?? "vm");
    return {
        id: `${vmId}/extensions/${extensionName}`,
        state: { ...inputs, name: extensionName, type: "Microsoft.Compute/virtualMachines/extensions", ...azureSucceeded },
    };
};

const azureNetworkInterface: ResourceMock = ({ type, name, inputs }, context) => {
    const nicName = text(inputs, "networkInterfaceName") ?? autoName(type, name);
    const ipConfigurations = list(inputs, "ipConfigurations").map((configuration, index) => ({
        ...configuration,
        privateIPAddress: text(configuration, "privateIPAddress") ?? privateIpv4(type, name, String(index)),
        privateIPAddressVersion: "IPv4",
        primary: index === 0,
        ...azureSucceeded,
    }));
    const mac = hexId(6, "mac", type, name).toUpperCase().match(/../g) ?? [];
    return {
        id: azureResourceId(context, inputs, "Microsoft.Network", "networkInterfaces", nicName),
        state: {
            ...inputs,
            name: nicName,
            ipConfigurations,
            macAddress: ["00", "0D", "3A", ...mac].join("-"),
            primary: true,
            type: "Microsoft.Network/networkInterfaces",
            ...azureSucceeded,
        },
    };
};

const azureResourceGroup: ResourceMock = ({ type, name, inputs }, context) => {
    const groupName = text(inputs, "resourceGroupName") ?? autoName(type, name);
    return {
        id: `/subscriptions/${azureSubscription(context)}/resourceGroups/${groupName}`,
        state: { ...inputs, name: groupName, ...azureSucceeded },
    };
};

function awsRegion(args: pulumi.runtime.MockResourceArgs, context: MockContext): string {
    const provider = args.provider ? context.providerInputs(args.provider) : undefined;
    return text(provider, "region") ?? configValue(context, "aws:region") ?? "us-east-1";
}

function awsAccount(context: MockContext): string {
    return decimalId(12, "aws-account", context.project, context.stack);
}

const awsInstance: ResourceMock = (args, context) => {
    const { type, name, inputs } = args;
    const region = awsRegion(args, context);
    const id = `i-${hexId(17, type, name)}`;
    const privateIp = text(inputs, "privateIp") ?? privateIpv4(type, name);
    const publicIp = plain(inputs["associatePublicIpAddress"]) === true ? documentationIpv4(type, name) : "";
    return {
        id,
        state: {
            ...inputs,
            arn: `arn:aws:ec2:${region}:${awsAccount(context)}:instance/${id}`,
            availabilityZone: text(inputs, "availabilityZone") ?? `${region}${"abc"[parseInt(hexId(2, "az", type, name), 16) % 3]}`,
            privateIp,
            privateDns: `ip-${privateIp.replace(/\./g, "-")}.${region}.compute.internal`,
            publicIp,
            publicDns: publicIp === "" ? "" : `ec2-${publicIp.replace(/\./g, "-")}.${region}.compute.amazonaws.com`,
            primaryNetworkInterfaceId: `eni-${hexId(17, "eni", type, name)}`,
            instanceState: "running",
        },
    };
};

/** The ARN partition of a region. */
function awsArnPartition(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

// Parameters, roles, instance profiles and security groups of AWS connector hosts: policies name them by ARN.
const awsSsmParameter: ResourceMock = (args, context) => {
    const region = awsRegion(args, context);
    const name = text(args.inputs, "name") ?? `/${autoName(args.type, args.name)}`;
    return {
        id: name,
        state: { ...args.inputs, name, arn: `arn:${awsArnPartition(region)}:ssm:${region}:${awsAccount(context)}:parameter${name.startsWith("/") ? "" : "/"}${name}`, version: 1 },
    };
};

function awsIamResource(collection: "role" | "instance-profile"): ResourceMock {
    return (args, context) => {
        const name = text(args.inputs, "name") ?? autoName(args.type, args.name);
        const partition = awsArnPartition(awsRegion(args, context));
        return { id: name, state: { ...args.inputs, name, arn: `arn:${partition}:iam::${awsAccount(context)}:${collection}/${name}`, uniqueId: `AROA${hexId(17, args.type, args.name).toUpperCase()}` } };
    };
}

const awsSecurityGroup: ResourceMock = (args, context) => {
    const region = awsRegion(args, context);
    const id = `sg-${hexId(17, args.type, args.name)}`;
    return {
        id,
        state: { ...args.inputs, name: text(args.inputs, "name") ?? autoName(args.type, args.name), arn: `arn:${awsArnPartition(region)}:ec2:${region}:${awsAccount(context)}:security-group/${id}`, ownerId: awsAccount(context) },
    };
};

function gcpProject(inputs: Props | undefined, context: MockContext): string {
    return text(inputs, "project") ?? configValue(context, "gcp:project") ?? `plan-${hexId(8, "gcp-project", context.project)}`;
}

const gcpInstance: ResourceMock = ({ type, name, inputs }, context) => {
    const project = gcpProject(inputs, context);
    const zone = text(inputs, "zone") ?? configValue(context, "gcp:zone") ?? "us-central1-a";
    const instanceName = text(inputs, "name") ?? autoName(type, name);
    const id = `projects/${project}/zones/${zone}/instances/${instanceName}`;
    const networkInterfaces = list(inputs, "networkInterfaces").map((nic, index) => ({
        ...nic,
        name: `nic${index}`,
        networkIp: text(nic, "networkIp") ?? privateIpv4(type, name, String(index)),
        accessConfigs: list(nic, "accessConfigs").map((access, accessIndex) => ({
            ...access,
            natIp: text(access, "natIp") ?? documentationIpv4(type, name, String(index), String(accessIndex)),
        })),
    }));
    return {
        id,
        state: {
            ...inputs,
            name: instanceName,
            project,
            zone,
            networkInterfaces,
            instanceId: decimalId(19, type, name),
            selfLink: `https://www.googleapis.com/compute/v1/${id}`,
            currentStatus: "RUNNING",
        },
    };
};

const gcpServiceAccount: ResourceMock = ({ type, name, inputs }, context) => {
    const project = gcpProject(inputs, context);
    const accountId = text(inputs, "accountId") ?? `sa-${hexId(8, type, name)}`;
    const email = `${accountId}@${project}.iam.gserviceaccount.com`;
    const id = `projects/${project}/serviceAccounts/${email}`;
    return { id, state: { ...inputs, project, accountId, email, member: `serviceAccount:${email}`, name: id, uniqueId: decimalId(21, type, name) } };
};

const gcpSecret: ResourceMock = ({ type, name, inputs }, context) => {
    const project = gcpProject(inputs, context);
    const secretId = text(inputs, "secretId") ?? autoName(type, name);
    // GCP names the secret by project number; its id uses the project id.
    const projectNumber = decimalId(12, "gcp-project-number", project);
    return { id: `projects/${project}/secrets/${secretId}`, state: { ...inputs, project, secretId, name: `projects/${projectNumber}/secrets/${secretId}` } };
};

/** The tenant's default connector group, which memberships and assignments report as where things were before. */
function defaultConnectorGroupId(context: MockContext): string {
    return guid("default-connector-group", context.project, context.stack);
}

const entraConnectorGroup: ResourceMock = ({ type, name, inputs }) => ({
    id: guid(type, name),
    state: { ...withoutProvider(inputs), isDefault: false, connectorGroupType: "applicationProxy", adopted: false },
});

const entraMembership: ResourceMock = ({ type, name, inputs }, context) => {
    const connectorId = guid(type, name);
    return {
        id: connectorId,
        state: {
            ...withoutProvider(inputs),
            connectorId,
            connectorMachineName: inputs["machineName"],
            previousConnectorGroupId: defaultConnectorGroupId(context),
        },
    };
};

const entraAssignment: ResourceMock = ({ type, name, inputs }, context) => ({
    id: guid(type, name),
    state: { ...withoutProvider(inputs), previousConnectorGroupId: defaultConnectorGroupId(context) },
});

/**
 * A lookup finds an existing app: its object id (what an assignment takes), its app id and display name (as selected,
 * or derived), and its publishing type. Without these outputs, an assignment's app would be unknown to the plan, and
 * so would its dependency on the lookup.
 */
function applicationLookup(applicationType: string, defaultDisplayName: string): ResourceMock {
    return ({ type, name, inputs }) => {
        const objectId = guid("application", type, name);
        return {
            id: objectId,
            state: {
                ...withoutProvider(inputs),
                objectId,
                appId: text(inputs, "appId") ?? guid("appId", type, name),
                displayName: text(inputs, "displayName") ?? defaultDisplayName,
                applicationType,
            },
        };
    };
}

const RESOURCE_MOCKS: Readonly<Record<string, ResourceMock>> = {
    "azure-native:compute:VirtualMachine": azureVirtualMachine,
    "azure-native:compute:VirtualMachineExtension": azureVirtualMachineExtension,
    "azure-native:network:NetworkInterface": azureNetworkInterface,
    "azure-native:resources:ResourceGroup": azureResourceGroup,
    "aws:ec2/instance:Instance": awsInstance,
    "aws:ssm/parameter:Parameter": awsSsmParameter,
    "aws:iam/role:Role": awsIamResource("role"),
    "aws:iam/instanceProfile:InstanceProfile": awsIamResource("instance-profile"),
    "aws:ec2/securityGroup:SecurityGroup": awsSecurityGroup,
    "gcp:compute/instance:Instance": gcpInstance,
    "gcp:serviceaccount/account:Account": gcpServiceAccount,
    "gcp:secretmanager/secret:Secret": gcpSecret,
    [ENTRA_RESOURCE_TYPES.ConnectorGroup]: entraConnectorGroup,
    [ENTRA_RESOURCE_TYPES.ConnectorGroupMembership]: entraMembership,
    [ENTRA_RESOURCE_TYPES.ApplicationConnectorGroupAssignment]: entraAssignment,
    [ENTRA_RESOURCE_TYPES.QuickAccessApplicationLookup]: applicationLookup("quickaccessapp", "Quick Access"),
    [ENTRA_RESOURCE_TYPES.EnterpriseApplicationLookup]: applicationLookup("nonwebapp", "Enterprise application"),
};

type CallMock = (inputs: Props, context: MockContext) => Props;

function awsCallRegion(context: MockContext): string {
    return configValue(context, "aws:region") ?? "us-east-1";
}

const CALL_MOCKS: Readonly<Record<string, CallMock>> = {
    "aws:ssm/getParameter:getParameter": (inputs, context) => {
        const name = text(inputs, "name") ?? "parameter";
        // The public parameters the library reads resolve to AMI ids.
        const value = /ami/i.test(name) ? `ami-${hexId(17, "ami", name)}` : `plan-mock-value-${hexId(8, name)}`;
        return {
            ...inputs,
            id: name,
            name,
            value,
            insecureValue: value,
            type: "String",
            version: 1,
            arn: `arn:aws:ssm:${awsCallRegion(context)}::parameter${name.startsWith("/") ? "" : "/"}${name}`,
        };
    },
    "aws:ec2/getAmi:getAmi": (inputs) => {
        const id = `ami-${hexId(17, "ami", JSON.stringify(inputs))}`;
        return { ...inputs, id, imageId: id, architecture: "x86_64", platform: "windows", state: "available" };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs, context) => {
        const region = awsCallRegion(context);
        const names = ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
        return { ...inputs, id: region, names, zoneIds: names.map((_, i) => `${region.replace(/-/g, "")}-az${i + 1}`), state: "available" };
    },
    "aws:index/getRegion:getRegion": (inputs, context) => {
        const region = awsCallRegion(context);
        return { ...inputs, id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    },
    "aws:index/getCallerIdentity:getCallerIdentity": (inputs, context) => {
        const accountId = awsAccount(context);
        return { ...inputs, id: accountId, accountId, arn: `arn:aws:iam::${accountId}:user/plan`, userId: `AIDA${hexId(16, accountId).toUpperCase()}` };
    },
    "azure-native:authorization:getClientConfig": (_inputs, context) => ({
        clientId: guid("client", context.project),
        objectId: guid("object", context.project),
        subscriptionId: azureSubscription(context),
        tenantId: configValue(context, "azure-native:tenantId") ?? guid("tenant", context.project),
    }),
    "gcp:compute/getImage:getImage": (inputs, context) => {
        const project = text(inputs, "project") ?? gcpProject(undefined, context);
        const name = text(inputs, "name") ?? `${text(inputs, "family") ?? "image"}-v20260101`;
        const id = `projects/${project}/global/images/${name}`;
        return { ...inputs, id, name, project, selfLink: `https://www.googleapis.com/compute/v1/${id}`, status: "READY" };
    },
    "gcp:compute/getZones:getZones": (inputs, context) => {
        const region = text(inputs, "region") ?? configValue(context, "gcp:region") ?? "us-central1";
        return { ...inputs, id: region, names: ["a", "b", "c"].map((suffix) => `${region}-${suffix}`), project: gcpProject(inputs, context) };
    },
};

/** The mocks the plan runs programs with. */
export class PlanMocks implements pulumi.runtime.Mocks {
    constructor(private readonly context: MockContext) {}

    newResource(args: pulumi.runtime.MockResourceArgs): MockAnswer {
        const inputs = (args.inputs ?? {}) as Props;
        if (!args.custom) {
            // Components have no id; their outputs are what they register with registerOutputs.
            return { id: undefined, state: {} };
        }
        const mock = RESOURCE_MOCKS[args.type];
        if (mock !== undefined) {
            return mock({ ...args, inputs }, this.context);
        }
        if (isProviderType(args.type)) {
            return { id: guid(args.type, args.name), state: inputs };
        }
        return { id: `${args.name}-${hexId(8, args.type, args.name)}`, state: withoutProvider(inputs) };
    }

    call(args: pulumi.runtime.MockCallArgs): Props {
        const inputs = (args.inputs ?? {}) as Props;
        return CALL_MOCKS[args.token]?.(inputs, this.context) ?? inputs;
    }
}
