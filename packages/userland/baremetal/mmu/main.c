/* MMU: sections, coarse tables with large and small pages, fine tables with tiny, small
 * and large pages, subpage access permissions, the AP table for privileged and user
 * accesses under the S and R bits, domains (no access, client, manager), translation,
 * domain, permission and alignment faults with FSR and FAR, prefetch aborts, FCSE PID. */
#include "lib.h"

const char image_name[] = "mmu";

uint32_t probe_read(uint32_t va);
uint32_t probe_write(uint32_t va);
uint32_t probe_unaligned(uint32_t va);
uint32_t probe_exec(uint32_t va);
extern char probe_exec_resume[];

static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t coarse[256] __attribute__((aligned(1024)));
static uint32_t fine[1024] __attribute__((aligned(4096)));

static volatile uint32_t fault_kind, fault_fsr, fault_far, fault_lr;

void exc_handler(unsigned kind, struct exc_frame *f)
{
    if (exc_lib_service(kind, f))
        return;
    fault_kind = kind;
    fault_lr = f->pc;
    if (kind == EXC_DABT) {
        fault_fsr = CP15_READ(c5, 0, c0, 0);
        fault_far = CP15_READ(c6, 0, c0, 0);
        f->pc -= 4;
    } else if (kind == EXC_PABT) {
        fault_fsr = CP15_READ(c5, 0, c0, 1);
        fault_far = 0;
        f->pc = (uint32_t)(uintptr_t)probe_exec_resume;
    } else {
        pr("unexpected exception %u lr=%08x\n", kind, f->pc);
        finish(1);
    }
}

/* descriptors */
#define SECTION(pa, ap, dom) (((pa) & 0xFFF00000u) | ((uint32_t)(ap) << 10) | ((uint32_t)(dom) << 5) | 0x10u | 2u)
#define COARSE(pa, dom) (((pa) & 0xFFFFFC00u) | ((uint32_t)(dom) << 5) | 0x10u | 1u)
#define FINE(pa, dom) (((pa) & 0xFFFFF000u) | ((uint32_t)(dom) << 5) | 0x10u | 3u)
#define APS(a0, a1, a2, a3) (((uint32_t)(a0) << 4) | ((uint32_t)(a1) << 6) | ((uint32_t)(a2) << 8) | ((uint32_t)(a3) << 10))
#define LARGE(pa, aps) (((pa) & 0xFFFF0000u) | (aps) | 1u)
#define SMALL(pa, aps) (((pa) & 0xFFFFF000u) | (aps) | 2u)
#define TINY(pa, ap) (((pa) & 0xFFFFFC00u) | ((uint32_t)(ap) << 4) | 3u)

#define C1_M (1u << 0)
#define C1_S (1u << 8)
#define C1_R (1u << 9)

static void tlb_flush(void) { CP15_WRITE(c8, 0, c7, 0, 0); }
static void set_dacr(uint32_t v)
{
    CP15_WRITE(c3, 0, c0, 0, v);
    tlb_flush();
}
static void set_c1(uint32_t v)
{
    CP15_WRITE(c1, 0, c0, 0, v);
    tlb_flush();
}
#define DACR_DEFAULT 0x00000355u /* d0-d3 client, d4 manager */

/* Marks every 1 KiB block of a physical range with its own address (MMU off). */
static void mark(uint32_t pa, uint32_t len)
{
    for (uint32_t a = pa; a < pa + len; a += 0x400)
        *(volatile uint32_t *)(uintptr_t)a = a;
}

static uint32_t user_read(uint32_t va) { return probe_read(va); }
static uint32_t user_write(uint32_t va) { return probe_write(va); }

static void token(const char *what, uint32_t value, int is_write)
{
    if (fault_kind) {
        pr(" %s:F%02x", what, fault_fsr & 0xff);
        fault_kind = 0;
    } else if (is_write) {
        pr(" %s:ok", what);
    } else {
        pr(" %s=%08x", what, value);
    }
}

/* privileged read/write, user read/write of one address, on one line */
static void probe4(const char *label, uint32_t va)
{
    pr("%s %08x:", label, va);
    fault_kind = 0;
    token("pr", probe_read(va), 0);
    token("pw", probe_write(va + 4), 1);
    token("ur", run_user(user_read, va, user_stack_top), 0);
    token("uw", run_user(user_write, va + 8, user_stack_top), 1);
    pr("\n");
}

static void probe_fault_detail(const char *label, uint32_t va)
{
    fault_kind = 0;
    uint32_t v = probe_read(va);
    if (fault_kind)
        pr("%s %08x: fsr=%03x far=%08x\n", label, va, fault_fsr & 0xfff, fault_far);
    else
        pr("%s %08x: no fault, read %08x\n", label, va, v);
    fault_kind = 0;
}

static void build_tables(void)
{
    l1[0x000] = SECTION(0x00000000u, 3, 0);            /* image, stacks, tables */
    l1[0x100] = SECTION(0x10000000u, 1, 0);            /* system registers, SIC */
    l1[0x101] = SECTION(0x10100000u, 1, 0);            /* VIC, timers, UART0 */
    l1[0x200] = SECTION(0x00200000u, 1, 1);            /* AP 01 */
    l1[0x201] = SECTION(0x00200000u, 2, 1);            /* AP 10 */
    l1[0x202] = SECTION(0x00200000u, 0, 1);            /* AP 00 */
    l1[0x203] = SECTION(0x00200000u, 3, 1);            /* AP 11 */
    l1[0x300] = COARSE((uint32_t)(uintptr_t)coarse, 2);
    l1[0x400] = FINE((uint32_t)(uintptr_t)fine, 3);
    l1[0x500] = SECTION(0x00200000u, 0, 4);            /* domain tests */
    l1[0x020] = SECTION(0x00000000u, 3, 0);            /* FCSE: MVA of the image under PID 1 */
    l1[0x021] = SECTION(0x00200000u, 3, 0);            /* FCSE: MVA of VA 0x00100000 under PID 1 */

    for (int i = 0; i < 16; i++)                        /* 0x30000000: large page, subpage APs 3,2,1,0 */
        coarse[i] = LARGE(0x00300000u, APS(3, 2, 1, 0));
    coarse[16] = SMALL(0x00310000u, APS(3, 3, 3, 3));  /* 0x30010000 */
    coarse[17] = SMALL(0x00400000u, APS(1, 2, 3, 0));  /* 0x30011000: 1 KiB subpages */
    /* coarse[18] stays a fault entry: 0x30012000 */

    for (int i = 0; i < 4; i++)                         /* 0x40000000: tiny pages, reversed */
        fine[i] = TINY(0x00500000u + (uint32_t)(3 - i) * 0x400u, (uint32_t)(3 - i));
    for (int i = 4; i < 8; i++)                         /* 0x40001000: small page in a fine table */
        fine[i] = SMALL(0x00510000u, APS(3, 3, 1, 1));
    for (int i = 64; i < 128; i++)                      /* 0x40010000: large page in a fine table */
        fine[i] = LARGE(0x00520000u, APS(3, 1, 3, 1));
    /* fine[8] stays a fault entry: 0x40002000 */
}

int main(void)
{
    pr("mmu: main id=%08x cache type=%08x c1 at reset=%08x\n", CP15_READ(c0, 0, c0, 0), CP15_READ(c0, 0, c0, 1),
       CP15_READ(c1, 0, c0, 0));
    mark(0x00200000u, 0x10000);
    mark(0x00300000u, 0x10000);
    mark(0x00310000u, 0x1000);
    mark(0x00400000u, 0x1000);
    mark(0x00500000u, 0x1000);
    mark(0x00510000u, 0x1000);
    mark(0x00520000u, 0x10000);
    /* a two-instruction function for instruction fetches through the MMU: mov r0,#42; bx lr */
    *(volatile uint32_t *)0x00200100u = 0xE3A0002Au;
    *(volatile uint32_t *)0x00200104u = 0xE12FFF1Eu;
    build_tables();

    /* physical addresses with no device behind them, MMU off */
    static const uint32_t holes[3] = { 0x80000000u, 0xF0000000u, 0x10004F00u + 0x1000u * 0x3Cu };
    for (int i = 0; i < 3; i++) {
        fault_kind = 0;
        uint32_t hv = probe_read(holes[i]);
        uint32_t rk = fault_kind, rf = fault_fsr;
        fault_kind = 0;
        probe_write(holes[i]);
        pr("unassigned %08x: read %s %08x fsr=%03x, write %s\n", holes[i], rk ? "fault" : "ok", rk ? 0 : hv,
           rk ? rf & 0xfff : 0, fault_kind ? "fault" : "ok");
        fault_kind = 0;
    }

    CP15_WRITE(c2, 0, c0, 0, (uint32_t)(uintptr_t)l1);
    set_dacr(DACR_DEFAULT);
    uint32_t c1 = CP15_READ(c1, 0, c0, 0) & ~(C1_S | C1_R | 2u);
    set_c1(c1 | C1_M);
    pr("mmu on: ttbr=%08x dacr=%08x c1=%08x\n", CP15_READ(c2, 0, c0, 0) - (uint32_t)(uintptr_t)l1,
       CP15_READ(c3, 0, c0, 0), CP15_READ(c1, 0, c0, 0));

    pr("-- sections (domain 1, client), AP 01/10/00/11, with S/R = 00, 10 (S), 01 (R)\n");
    static const uint32_t sr[3] = { 0, C1_S, C1_R };
    static const char *const srname[3] = { "S0R0", "S1R0", "S0R1" };
    for (int k = 0; k < 3; k++) {
        set_c1(c1 | C1_M | sr[k]);
        for (uint32_t ap = 0; ap < 4; ap++) {
            static const uint32_t va_of_ap[4] = { 0x20200000u, 0x20000000u, 0x20100000u, 0x20300000u };
            pr("%s ap%u", srname[k], ap);
            probe4("", va_of_ap[ap] + 0x400 * (ap + 1));
        }
    }
    set_c1(c1 | C1_M);

    pr("-- coarse table (domain 2): large page subpages (AP 3,2,1,0), small pages\n");
    for (uint32_t s = 0; s < 4; s++)
        probe4("large", 0x30000000u + s * 0x4000u + 0x400u);
    probe4("small", 0x30010800u);
    for (uint32_t s = 0; s < 4; s++)
        probe4("small-sub", 0x30011000u + s * 0x400u);
    probe_fault_detail("coarse fault entry", 0x30012010u);

    pr("-- fine table (domain 3): tiny pages (reversed, AP 3,2,1,0), small, large\n");
    for (uint32_t t = 0; t < 4; t++)
        probe4("tiny", 0x40000000u + t * 0x400u);
    probe4("small", 0x40001000u);
    probe4("small", 0x40001C00u);
    probe4("large", 0x40014000u);
    probe4("large", 0x4001C400u);
    probe_fault_detail("fine fault entry", 0x40002000u);

    pr("-- domains (section 0x50000000, AP 00, domain 4; coarse table domain 2)\n");
    static const uint32_t dvals[3] = { 0, 1, 3 };
    for (int k = 0; k < 3; k++) {
        set_dacr((DACR_DEFAULT & ~(3u << 8)) | (dvals[k] << 8));
        pr("d4=%u", dvals[k]);
        probe4("", 0x50000000u + 0x1000u * (uint32_t)k);
        set_dacr((DACR_DEFAULT & ~(3u << 4)) | (dvals[k] << 4));
        pr("d2=%u", dvals[k]);
        probe4("", 0x30000400u);
    }
    set_dacr(DACR_DEFAULT);

    pr("-- translation and alignment faults\n");
    probe_fault_detail("unmapped section", 0x60000004u);
    probe_fault_detail("unmapped section", 0xFFFF0000u);
    fault_kind = 0;
    uint32_t v = probe_unaligned(0x20300402u);
    pr("unaligned ldr (c1.A) mapped: fsr=%03x far=%08x kind=%u\n", fault_kind ? fault_fsr & 0xfff : 0, fault_far, fault_kind);
    (void)v;
    fault_kind = 0;
    probe_unaligned(0x60000001u);
    pr("unaligned ldr (c1.A) unmapped: fsr=%03x far=%08x kind=%u\n", fault_fsr & 0xfff, fault_far, fault_kind);
    fault_kind = 0;

    pr("-- instruction fetches\n");
    uint32_t r = probe_exec(0x20300100u);
    pr("exec mapped 20300100: r0=%08x kind=%u\n", r, fault_kind);
    fault_kind = 0;
    r = probe_exec(0x60000000u);
    pr("exec unmapped 60000000: r0=%08x kind=%u ifsr=%03x lr-4=%08x\n", r, fault_kind, fault_fsr & 0xfff, fault_lr - 4);
    fault_kind = 0;
    set_dacr(DACR_DEFAULT & ~(3u << 2));
    r = probe_exec(0x20300100u);
    pr("exec no-access domain 20300100: r0=%08x kind=%u ifsr=%03x lr-4=%08x\n", r, fault_kind, fault_fsr & 0xfff,
       fault_lr - 4);
    fault_kind = 0;
    set_dacr(DACR_DEFAULT);

    pr("-- FCSE PID\n");
    probe_fault_detail("pid 0 read", 0x00100000u);
    CP15_WRITE(c13, 0, c0, 0, 1u << 25);
    tlb_flush();
    uint32_t pid = CP15_READ(c13, 0, c0, 0);
    fault_kind = 0;
    v = probe_read(0x00100000u);
    uint32_t k = fault_kind;
    CP15_WRITE(c13, 0, c0, 0, 0);
    tlb_flush();
    pr("pid=%08x read 00100000: %08x kind=%u\n", pid, v, k);
    fault_kind = 0;

    set_c1(c1);
    pr("mmu off: c1=%08x\n", CP15_READ(c1, 0, c0, 0));
    return 0;
}
