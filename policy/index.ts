// The connector-topology policy pack. The rules live in src/rules; this entry only serves them.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "../src/rules";

new PolicyPack("connector-topology", { policies });
