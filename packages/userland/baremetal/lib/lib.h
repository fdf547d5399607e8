/* Support library shared by every bare-metal test image. */
#ifndef LIB_H
#define LIB_H

#include <stdint.h>
#include <stddef.h>
#include "board.h"

/* ---- console on UART0 ---- */
void uart_putc(char c);
void put_str(const char *s);
void put_hex(uint32_t v);            /* eight hex digits */
void put_hexn(uint32_t v, int digits);
void put_dec(uint32_t v);
void put_sdec(int32_t v);
/* Minimal formatted output: %s %c %d %u %x %08x (width/zero pad for x and u), %%. */
void pr(const char *fmt, ...);

/* ---- semihosting (only from privileged modes) ---- */
uint32_t semihost_call(uint32_t op, uint32_t arg);
void semihost_writec(char c);
void semihost_write0(const char *s);
uint32_t semihost_write(uint32_t handle, const void *buf, uint32_t len);
/* Prints the final line "END <name> <status>" on UART0 and stops the machine via SYS_EXIT. */
void finish(int status) __attribute__((noreturn));
extern const char image_name[];

/* ---- checksums and operand generation ---- */
void crc_init(void);
uint32_t crc32_word(uint32_t crc, uint32_t w);
uint32_t crc32_bytes(uint32_t crc, const void *p, size_t n);
uint32_t rng_next(void);
void rng_seed(uint32_t s);
uint32_t rng_operand(void);    /* random word biased towards edge values */

/* ---- CPU state ---- */
static inline uint32_t get_cpsr(void) { uint32_t v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline void set_cpsr_c(uint32_t v) { __asm__ volatile("msr cpsr_c, %0" : : "r"(v) : "memory", "cc"); }
static inline void irq_enable(void) { __asm__ volatile("mrs r12, cpsr\n\tbic r12, r12, #0x80\n\tmsr cpsr_c, r12" ::: "r12", "memory"); }
static inline void irq_disable(void) { __asm__ volatile("mrs r12, cpsr\n\torr r12, r12, #0x80\n\tmsr cpsr_c, r12" ::: "r12", "memory"); }
static inline void fiq_enable(void) { __asm__ volatile("mrs r12, cpsr\n\tbic r12, r12, #0x40\n\tmsr cpsr_c, r12" ::: "r12", "memory"); }
static inline void fiq_disable(void) { __asm__ volatile("mrs r12, cpsr\n\torr r12, r12, #0x40\n\tmsr cpsr_c, r12" ::: "r12", "memory"); }
/* CP15 */
#define CP15_READ(crn, op1, crm, op2) ({ uint32_t v_; __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_)); v_; })
#define CP15_WRITE(crn, op1, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"((uint32_t)(v)) : "memory")
void wait_for_interrupt(void); /* CP15 c7,c0,4 */
uint32_t cp15_control(void);  /* CP15 c1 (ARM code, callable from Thumb) */

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define MODE_SYS 0x1F

/* ---- exceptions ---- */
enum exc_kind { EXC_RESET = 0, EXC_UND = 1, EXC_SWI = 2, EXC_PABT = 3, EXC_DABT = 4, EXC_IRQ = 6, EXC_FIQ = 7 };
/* Saved state of the interrupted code, on the stack of the exception mode. The handler may
 * change any field; `pc` is the raw banked lr on entry and the address resumed at on exit. */
struct exc_frame {
    uint32_t spsr;
    uint32_t pad;
    uint32_t r[13];
    uint32_t pc;
};
/* Called for every exception; images define their own (a weak default reports and stops). */
void exc_handler(unsigned kind, struct exc_frame *f);
/* Handles the library's own services (SWI_BACK_TO_SVC); returns 1 when it did. */
int exc_lib_service(unsigned kind, struct exc_frame *f);
#define SWI_BACK_TO_SVC 0xC0DE00
/* Runs fn(arg) in user mode on the given stack (IRQ/FIQ masks kept), returns its result. */
uint32_t run_user(uint32_t (*fn)(uint32_t), uint32_t arg, void *stack_top);
extern uint8_t user_stack_top[];
/* r0, r1, r2 as they were at the entry point */
extern uint32_t boot_regs[3];

#endif
