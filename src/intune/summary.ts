/**
 * What a CertificateConnectorFleet registers, as its inputs and again with its outputs: a non-secret summary that the
 * policy pack and the offline plan read the fleet by.
 */
import { type HostSummary } from "../model/contract";
import { type RenewalCalendar } from "./schedule";

/** The non-secret summary of a CertificateConnectorFleet. */
export interface CertificateConnectorFleetSummary {
    /** The fleet's name: the `connector-group` tag of its hosts. */
    displayName: string;
    /** The connector features every host serves: `pkcs`, `pkcsImported`, `scep`, `revocation`. */
    features: string[];
    /** `system`, `domainAccountLocalAdmin` or `domainAccountNoLocalAdmin` (see `SERVICE_ACCOUNT_MODELS`). */
    serviceAccountModel: string;
    /** `SYSTEM`, or the domain account's name (never its password). */
    serviceAccount: string;
    /** `automatic` or `yearlyReinstall` (see `RENEWAL_MODES`). */
    renewal: string;
    /** Whether every host joins a domain (the fleet's `domainJoin`, or its platform's directory). */
    domainJoined: boolean;
    /** Every host, as its cloud builds it: Azure, then AWS, then GCP. */
    hosts: HostSummary[];
    /** The day the schedule was computed for (`YYYY-MM-DD`). */
    today: string;
    expiryGapMonths: number;
    /** How many days before an expiry the hosts' check raises its warning. */
    expiryWarningDays: number;
    /** Each host's enrolment, expiry and planned re-enrolments. */
    calendar: RenewalCalendar;
    /** Whether Azure Monitor alerts on the Azure hosts' connector failure events and agent-certificate warnings. */
    azureAlerting: boolean;
    /** Whether Cloud Monitoring alerts on the GCP hosts' agent-certificate warnings. */
    gcpAlerting: boolean;
}
