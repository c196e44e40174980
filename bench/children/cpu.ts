/**
 * CPU time of the process and of its main (JavaScript) thread, in milliseconds. The main thread's time is what
 * wall-clock time would be on an idle machine: the plan's work runs there, while V8's helper threads (concurrent
 * marking, parallel scavenges) run beside it on the other cores. Linux only (`/proc`); elsewhere the main thread's
 * time is undefined.
 */
import * as fs from "fs";

/** `/proc` counts CPU time in clock ticks of 1/100 s (USER_HZ, fixed by the Linux ABI). */
const TICKS_PER_SECOND = 100;

function mainThreadMs(): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const [utime, stime] = [Number(fields[11]), Number(fields[12])];
        return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : undefined;
    } catch {
        return undefined;
    }
}

/** A CPU clock started now: `stop()` gives the process's and the main thread's CPU milliseconds since. */
export function startCpuClock(): { stop(): { cpuMs: number; mainThreadCpuMs?: number } } {
    const process0 = process.cpuUsage();
    const main0 = mainThreadMs();
    return {
        stop() {
            const used = process.cpuUsage(process0);
            const main1 = mainThreadMs();
            return {
                cpuMs: (used.user + used.system) / 1000,
                ...(main0 !== undefined && main1 !== undefined ? { mainThreadCpuMs: main1 - main0 } : {}),
            };
        },
    };
}
