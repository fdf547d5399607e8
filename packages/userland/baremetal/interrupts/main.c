/* Interrupts and counters: system registers (ID, LEDs, flags, 24 MHz counter), PL190 VIC
 * registers and vectored interrupts, SP804 timers (register behaviour, periodic, one-shot
 * modes, both timer blocks, IRQ and FIQ delivery) and the SIC with
 * UART3 routed through it; PL031, SP805 and SP810 at register level. Only counts and sequences are printed, never a value that
 * depends on how fast guest time runs, so no -icount is needed. */
#include "lib.h"

const char image_name[] = "interrupts";

#define T0 (TIMER01_BASE)
#define T1 (TIMER01_BASE + 0x20)
#define T2 (TIMER23_BASE)
#define T3 (TIMER23_BASE + 0x20)
#define UART3_BASE 0x10009000u
#define TIMER_CTRL_32 (TMR_CTRL_32BIT)

struct event {
    uint32_t kind, vect, status, detail;
};
static volatile struct event events[32];
static volatile unsigned nevents;
static volatile unsigned ticks[4];
static volatile unsigned stop_after[4];
static volatile unsigned fiq_count;

static const uint32_t timer_base[4] = { T0, T1, T2, T3 };

static void log_event(uint32_t kind, uint32_t vect, uint32_t status, uint32_t detail)
{
    if (nevents < 32) {
        events[nevents].kind = kind;
        events[nevents].vect = vect;
        events[nevents].status = status;
        events[nevents].detail = detail;
        nevents++;
    }
}

static void service_timers(void)
{
    for (int t = 0; t < 4; t++) {
        uint32_t b = timer_base[t];
        if (REG32(b + TMR_MIS)) {
            REG32(b + TMR_INTCLR) = 1;
            ticks[t]++;
            if (stop_after[t] && ticks[t] >= stop_after[t])
                REG32(b + TMR_CTRL) &= ~TMR_CTRL_EN;
        }
    }
}

void exc_handler(unsigned kind, struct exc_frame *f)
{
    if (exc_lib_service(kind, f))
        return;
    if (kind == EXC_IRQ) {
        uint32_t vect = REG32(VIC_BASE + VIC_VECTADDR);
        uint32_t status = REG32(VIC_BASE + VIC_IRQSTATUS);
        uint32_t detail = 0;
        if (status & (3u << 4)) {
            for (int t = 0; t < 4; t++)
                detail |= REG32(timer_base[t] + TMR_MIS) << t;
            service_timers();
        }
        if (status & (1u << 31)) {
            uint32_t sic = REG32(SIC_BASE + SIC_STATUS);
            uint32_t mis = REG32(UART3_BASE + UART_MIS);
            detail = (sic << 8) | mis;
            REG32(UART3_BASE + UART_ICR) = 0x7ff;
        }
        log_event(6, vect, status, detail);
        REG32(VIC_BASE + VIC_VECTADDR) = 0; /* end of interrupt for the vectored priority logic */
        f->pc -= 4;
    } else if (kind == EXC_FIQ) {
        uint32_t status = REG32(VIC_BASE + VIC_FIQSTATUS);
        fiq_count++;
        log_event(7, 0, status, REG32(T2 + TMR_MIS));
        service_timers();
        f->pc -= 4;
    } else {
        pr("unexpected exception %u lr=%08x\n", kind, f->pc);
        finish(1);
    }
}

static void print_events(const char *what)
{
    pr("%s: %u events\n", what, nevents);
    for (unsigned i = 0; i < nevents; i++)
        pr("  %s vect=%08x status=%08x detail=%03x\n", events[i].kind == 7 ? "fiq" : "irq", events[i].vect,
           events[i].status, events[i].detail);
    nevents = 0;
}

static void id_regs(const char *name, uint32_t base)
{
    pr("%s id:", name);
    for (uint32_t off = 0xFE0; off < 0x1000; off += 4)
        pr(" %02x", REG32(base + off) & 0xff);
    pr("\n");
}

static void sysregs(void)
{
    pr("sys id=%08x procid=%08x\n", REG32(SYSREG_BASE + 0x00), REG32(SYSREG_BASE + 0x84));
    REG32(SYSREG_BASE + 0x08) = 0xA5;
    pr("sys leds=%02x", REG32(SYSREG_BASE + 0x08) & 0xff);
    REG32(SYSREG_BASE + 0x34) = 0xffffffffu;
    REG32(SYSREG_BASE + 0x30) = 0x00C0FFEEu;
    REG32(SYSREG_BASE + 0x34) = 0x000000EEu;
    pr(" flags=%08x\n", REG32(SYSREG_BASE + 0x30));
    uint32_t a = REG32(SYSREG_BASE + 0x5C);
    for (volatile int i = 0; i < 20000; i++)
        ;
    uint32_t b = REG32(SYSREG_BASE + 0x5C);
    pr("sys 24MHz counter advances: %u\n", (b - a) > 0 && (b - a) < 0x80000000u);
}

static void vic_regs(void)
{
    id_regs("vic", VIC_BASE);
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_SOFTINTCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_INTSELECT) = 0;
    REG32(VIC_BASE + VIC_INTENABLE) = 0x8000003Au;
    REG32(VIC_BASE + VIC_INTSELECT) = 0x00000008u;
    pr("vic intenable=%08x intselect=%08x protection=%08x\n", REG32(VIC_BASE + VIC_INTENABLE),
       REG32(VIC_BASE + VIC_INTSELECT), REG32(VIC_BASE + VIC_PROTECTION));
    REG32(VIC_BASE + VIC_SOFTINT) = 0x0000000Au;
    pr("vic soft lines 1,3: softint=%08x raw=%08x irq=%08x fiq=%08x\n", REG32(VIC_BASE + VIC_SOFTINT),
       REG32(VIC_BASE + VIC_RAWINTR), REG32(VIC_BASE + VIC_IRQSTATUS), REG32(VIC_BASE + VIC_FIQSTATUS));
    REG32(VIC_BASE + VIC_SOFTINTCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_INTSELECT) = 0;
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;

    /* vectored: slot 0 = line 3, slot 1 = line 1; default vector for the others */
    REG32(VIC_BASE + VIC_DEFVECTADDR) = 0xDEF0;
    REG32(VIC_BASE + VIC_VECTADDR0) = 0x3330;
    REG32(VIC_BASE + VIC_VECTCNTL0) = 0x20 | 3;
    REG32(VIC_BASE + VIC_VECTADDR0 + 4) = 0x1110;
    REG32(VIC_BASE + VIC_VECTCNTL0 + 4) = 0x20 | 1;
    REG32(VIC_BASE + VIC_INTENABLE) = (1u << 1) | (1u << 3) | (1u << 2);
    pr("vic vectcntl0=%08x vectaddr0=%08x defvect=%08x\n", REG32(VIC_BASE + VIC_VECTCNTL0),
       REG32(VIC_BASE + VIC_VECTADDR0), REG32(VIC_BASE + VIC_DEFVECTADDR));
    REG32(VIC_BASE + VIC_SOFTINT) = (1u << 1) | (1u << 3) | (1u << 2);
    uint32_t v1 = REG32(VIC_BASE + VIC_VECTADDR); /* line 3 (slot 0) */
    REG32(VIC_BASE + VIC_SOFTINTCLEAR) = 1u << 3;
    REG32(VIC_BASE + VIC_VECTADDR) = 0;
    uint32_t v2 = REG32(VIC_BASE + VIC_VECTADDR); /* line 1 (slot 1) */
    REG32(VIC_BASE + VIC_SOFTINTCLEAR) = 1u << 1;
    REG32(VIC_BASE + VIC_VECTADDR) = 0;
    uint32_t v3 = REG32(VIC_BASE + VIC_VECTADDR); /* line 2: default */
    REG32(VIC_BASE + VIC_SOFTINTCLEAR) = 1u << 2;
    REG32(VIC_BASE + VIC_VECTADDR) = 0;
    pr("vic vectaddr sequence: %08x %08x %08x\n", v1, v2, v3);
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_VECTCNTL0) = 0;
    REG32(VIC_BASE + VIC_VECTCNTL0 + 4) = 0;
}

static void timer_regs(void)
{
    id_regs("timer01", TIMER01_BASE);
    pr("timer0 reset: ctrl=%08x load=%08x value=%08x ris=%u mis=%u\n", REG32(T0 + TMR_CTRL), REG32(T0 + TMR_LOAD),
       REG32(T0 + TMR_VALUE), REG32(T0 + TMR_RIS), REG32(T0 + TMR_MIS));
    /* Periodic mode while disabled: QEMU 7.2 models free-running mode as counting from the
     * maximum rather than from LOAD, so that mode is left out. */
    REG32(T0 + TMR_CTRL) = TIMER_CTRL_32 | TMR_CTRL_PERIODIC;
    REG32(T0 + TMR_LOAD) = 0x12345678u;
    pr("timer0 load 12345678 (disabled): load=%08x value=%08x\n", REG32(T0 + TMR_LOAD), REG32(T0 + TMR_VALUE));
    REG32(T0 + TMR_BGLOAD) = 0x00ABCDEFu;
    pr("timer0 bgload 00abcdef: load=%08x bgload=%08x value=%08x\n", REG32(T0 + TMR_LOAD), REG32(T0 + TMR_BGLOAD),
       REG32(T0 + TMR_VALUE));
    REG32(T0 + TMR_CTRL) = TMR_CTRL_PERIODIC; /* 16-bit counter */
    REG32(T0 + TMR_LOAD) = 0x00054321u;
    /* (VALUE is not printed here: QEMU 7.2 does not truncate it to 16 bits) */
    pr("timer0 16-bit load 00054321: load=%08x\n", REG32(T0 + TMR_LOAD));
    REG32(T0 + TMR_CTRL) = TIMER_CTRL_32 | (1u << 2);
    pr("timer0 ctrl prescale /16 readback=%08x\n", REG32(T0 + TMR_CTRL));
    REG32(T0 + TMR_CTRL) = TIMER_CTRL_32 | (2u << 2);
    pr("timer0 ctrl prescale /256 readback=%08x\n", REG32(T0 + TMR_CTRL));
    REG32(T0 + TMR_CTRL) = 0;
    REG32(T0 + TMR_INTCLR) = 1;
}

/* Race-free wait: the check and the WFI run with the interrupt masked (WFI still wakes on
 * a pending interrupt), then the interrupt is let in for one instruction. Otherwise a tick
 * arriving between the check and the WFI could leave the CPU waiting forever. */
static void wait_ticks(int t, unsigned n)
{
    irq_disable();
    while (ticks[t] < n) {
        wait_for_interrupt();
        irq_enable();
        irq_disable();
    }
    irq_enable();
}

static void wait_ticks_fiq(int t, unsigned n)
{
    fiq_disable();
    while (ticks[t] < n) {
        wait_for_interrupt();
        fiq_enable();
        fiq_disable();
    }
}

static void timers_periodic_oneshot(void)
{
    /* vectored slots for the two timer blocks */
    REG32(VIC_BASE + VIC_VECTADDR0) = 0x0400;
    REG32(VIC_BASE + VIC_VECTCNTL0) = 0x20 | 4;
    REG32(VIC_BASE + VIC_VECTADDR0 + 4) = 0x0500;
    REG32(VIC_BASE + VIC_VECTCNTL0 + 4) = 0x20 | 5;
    REG32(VIC_BASE + VIC_INTENABLE) = (1u << 4) | (1u << 5);
    irq_enable();

    /* timer 0 periodic, 1 ms: five interrupts, the handler stops it at the fifth */
    stop_after[0] = 5;
    REG32(T0 + TMR_LOAD) = 1000;
    REG32(T0 + TMR_CTRL) = TMR_CTRL_EN | TMR_CTRL_PERIODIC | TMR_CTRL_IE | TIMER_CTRL_32;
    wait_ticks(0, 5);
    pr("timer0 periodic: ticks=%u ctrl after=%08x\n", ticks[0], REG32(T0 + TMR_CTRL));
    print_events("timer0 periodic");

    /* timer 1 one-shot, then timer 2 periodic for three ticks: timer 1 must stay silent */
    REG32(T1 + TMR_LOAD) = 500;
    REG32(T1 + TMR_CTRL) = TMR_CTRL_EN | TMR_CTRL_ONESHOT | TMR_CTRL_IE | TIMER_CTRL_32;
    wait_ticks(1, 1);
    stop_after[2] = 3;
    REG32(T2 + TMR_LOAD) = 2000;
    REG32(T2 + TMR_CTRL) = TMR_CTRL_EN | TMR_CTRL_PERIODIC | TMR_CTRL_IE | TIMER_CTRL_32;
    wait_ticks(2, 3);
    pr("timer1 one-shot: ticks=%u value after=%08x ris=%u; timer2 periodic ticks=%u\n", ticks[1],
       REG32(T1 + TMR_VALUE), REG32(T1 + TMR_RIS), ticks[2]);
    print_events("timer1 one-shot + timer2 periodic");
    REG32(T1 + TMR_CTRL) = 0;

    irq_disable();
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_VECTCNTL0) = 0;
    REG32(VIC_BASE + VIC_VECTCNTL0 + 4) = 0;
}

static void timer_fiq(void)
{
    REG32(VIC_BASE + VIC_INTSELECT) = 1u << 5;
    REG32(VIC_BASE + VIC_INTENABLE) = 1u << 5;
    ticks[2] = 0;
    stop_after[2] = 2;
    REG32(T2 + TMR_LOAD) = 700;
    REG32(T2 + TMR_CTRL) = TMR_CTRL_EN | TMR_CTRL_PERIODIC | TMR_CTRL_IE | TIMER_CTRL_32;
    wait_ticks_fiq(2, 2);
    pr("timer2 as FIQ: ticks=%u fiqs=%u\n", ticks[2], fiq_count);
    print_events("timer2 fiq");
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_INTSELECT) = 0;
}

static void sic_uart3(void)
{
    pr("sic reset: status=%08x raw=%08x enable=%08x picenable=%08x\n", REG32(SIC_BASE + SIC_STATUS),
       REG32(SIC_BASE + SIC_RAWSTAT), REG32(SIC_BASE + SIC_ENABLE), REG32(SIC_BASE + SIC_PICENABLE));
    REG32(SIC_BASE + SIC_ENABLE) = 1u << 6; /* ENSET */
    REG32(SIC_BASE + SIC_ENABLE) = 1u << 9;
    REG32(SIC_BASE + SIC_ENCLR) = 1u << 9;
    pr("sic enable after set 6,9 clear 9: %08x\n", REG32(SIC_BASE + SIC_ENABLE));
    REG32(SIC_BASE + SIC_PICENABLE) = 0xffffffffu; /* PICENSET: only lines 21-30 pass through */
    uint32_t pic_all = REG32(SIC_BASE + SIC_PICENABLE);
    REG32(SIC_BASE + SIC_PICENCLR) = 0xffffffffu;
    pr("sic picenable after set all: %08x, after clear all: %08x\n", pic_all, REG32(SIC_BASE + SIC_PICENABLE));
    /* (SOFTINTSET is not used: QEMU 7.2 treats it as a second enable-set register) */
    REG32(UART3_BASE + UART_IMSC) = 1u << 5; /* TX interrupt */
    REG32(UART3_BASE + UART_DR) = 'x';
    pr("uart3 tx: uart ris=%03x mis=%03x sic status=%08x raw=%08x vic raw bit31=%u\n", REG32(UART3_BASE + UART_RIS),
       REG32(UART3_BASE + UART_MIS), REG32(SIC_BASE + SIC_STATUS), REG32(SIC_BASE + SIC_RAWSTAT),
       REG32(VIC_BASE + VIC_RAWINTR) >> 31);
    REG32(VIC_BASE + VIC_DEFVECTADDR) = 0x3100;
    REG32(VIC_BASE + VIC_INTENABLE) = 1u << 31;
    irq_enable();
    irq_disable();
    pr("after irq: uart mis=%03x sic status=%08x\n", REG32(UART3_BASE + UART_MIS), REG32(SIC_BASE + SIC_STATUS));
    print_events("uart3 through sic");
    REG32(UART3_BASE + UART_IMSC) = 0;
    REG32(SIC_BASE + SIC_ENCLR) = 0xffffffffu;
    REG32(VIC_BASE + VIC_INTENCLEAR) = 0xffffffffu;
}

/* PL031 RTC, SP805 watchdog and SP810 system controller at register level. The RTC data
 * register follows the host clock under QEMU, so it is never printed. */
static void other_devices(void)
{
    const uint32_t rtc = 0x101E8000u, wdog = 0x101E1000u, sc = 0x101E0000u;
    id_regs("rtc", rtc);
    REG32(rtc + 0x04) = 0xFFFFFFF0u; /* match register, far in the future */
    REG32(rtc + 0x10) = 1;           /* interrupt mask */
    pr("rtc mr=%08x imsc=%x ris=%x mis=%x cr=%x\n", REG32(rtc + 0x04), REG32(rtc + 0x10), REG32(rtc + 0x14),
       REG32(rtc + 0x18), REG32(rtc + 0x0C));
    REG32(rtc + 0x10) = 0;
    id_regs("watchdog", wdog);
    pr("sp810 scctrl=%08x\n", REG32(sc + 0x00));
}

int main(void)
{
    sysregs();
    other_devices();
    vic_regs();
    timer_regs();
    timers_periodic_oneshot();
    timer_fiq();
    sic_uart3();
    return 0;
}
