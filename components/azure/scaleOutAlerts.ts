/**
 * The scale-out signal for a group's Azure hosts: Azure Monitor metric alerts on their CPU and memory. The host set
 * loads this module only when the group asks for alerts, so that `@pulumi/azure-native/monitor` is loaded only then.
 */
import * as monitor from "@pulumi/azure-native/monitor";
import type * as pulumi from "@pulumi/pulumi";
import {
    AZURE_VM_METRIC_NAMESPACE,
    azureScaleOutCriteria,
    type ScaleOutAlertPlan,
    scaleOutAlertDescription,
} from "../../src/model";
import { type HostGroupContext } from "../host/provisioner";

/** Metric alert rules live in the `global` location, whatever region their VMs are in. */
const METRIC_ALERT_LOCATION = "global";

/** Severity 2, Warning: capacity running short is not yet an outage. */
const SEVERITY_WARNING = 2;

/** Evaluated every 5 minutes: often enough for the shortest window Azure takes here (5 minutes). */
const EVALUATION_FREQUENCY = "PT5M";

/** Where the alerts go and what they watch. */
export interface AzureScaleOutAlertTarget {
    /** The group's Azure VMs: every one is in `location`, as a rule over several VMs requires. */
    readonly vmIds: readonly pulumi.Input<string>[];
    readonly location: string;
    /** Where the alert rules go: the hosts' resource group. */
    readonly resourceGroupName: pulumi.Input<string>;
    readonly actionGroupId: pulumi.Input<string>;
    readonly tags?: { [key: string]: string };
}

/**
 * One metric alert per resource watched (CPU, memory) over all of the group's Azure VMs. A rule that spans several VMs
 * evaluates each VM on its own, so one busy host raises the alert.
 */
export function createAzureScaleOutAlerts(
    group: HostGroupContext,
    alert: ScaleOutAlertPlan,
    target: AzureScaleOutAlertTarget,
): monitor.MetricAlert[] {
    return azureScaleOutCriteria(alert).map(
        (criterion) =>
            new monitor.MetricAlert(
                `${group.resourceName}-azure-${criterion.resource.toLowerCase()}-alert`,
                {
                    resourceGroupName: target.resourceGroupName,
                    location: METRIC_ALERT_LOCATION,
                    description: scaleOutAlertDescription(group.displayName, criterion.resource, alert),
                    severity: SEVERITY_WARNING,
                    enabled: true,
                    autoMitigate: true,
                    scopes: [...target.vmIds],
                    targetResourceType: AZURE_VM_METRIC_NAMESPACE,
                    targetResourceRegion: target.location,
                    evaluationFrequency: EVALUATION_FREQUENCY,
                    windowSize: `PT${alert.windowMinutes}M`,
                    criteria: {
                        odataType: "Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria",
                        allOf: [
                            {
                                criterionType: "StaticThresholdCriterion",
                                name: `${criterion.resource}-busy`,
                                metricNamespace: AZURE_VM_METRIC_NAMESPACE,
                                metricName: criterion.metricName,
                                operator: criterion.operator,
                                threshold: criterion.threshold,
                                timeAggregation: "Average",
                            },
                        ],
                    },
                    actions: [{ actionGroupId: target.actionGroupId }],
                    tags: target.tags,
                },
                { parent: group.parent },
            ),
    );
}
