/* Versatile PB926 register addresses used by the test images. */
#ifndef BOARD_H
#define BOARD_H

#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

#define SYSREG_BASE   0x10000000u /* system registers */
#define SIC_BASE      0x10003000u /* secondary interrupt controller */
#define VIC_BASE      0x10140000u /* PL190 */
#define TIMER01_BASE  0x101E2000u /* SP804 timers 0 and 1 */
#define TIMER23_BASE  0x101E3000u /* SP804 timers 2 and 3 */
#define UART0_BASE    0x101F1000u /* PL011 */

/* PL190 VIC register offsets */
#define VIC_IRQSTATUS    0x000
#define VIC_FIQSTATUS    0x004
#define VIC_RAWINTR      0x008
#define VIC_INTSELECT    0x00C
#define VIC_INTENABLE    0x010
#define VIC_INTENCLEAR   0x014
#define VIC_SOFTINT      0x018
#define VIC_SOFTINTCLEAR 0x01C
#define VIC_PROTECTION   0x020
#define VIC_VECTADDR     0x030
#define VIC_DEFVECTADDR  0x034
#define VIC_VECTADDR0    0x100
#define VIC_VECTCNTL0    0x200

/* SP804 offsets (per timer; the second timer of a pair is at +0x20) */
#define TMR_LOAD    0x00
#define TMR_VALUE   0x04
#define TMR_CTRL    0x08
#define TMR_INTCLR  0x0C
#define TMR_RIS     0x10
#define TMR_MIS     0x14
#define TMR_BGLOAD  0x18

#define TMR_CTRL_EN       (1u << 7)
#define TMR_CTRL_PERIODIC (1u << 6)
#define TMR_CTRL_IE       (1u << 5)
#define TMR_CTRL_32BIT    (1u << 1)
#define TMR_CTRL_ONESHOT  (1u << 0)

/* PL011 offsets */
#define UART_DR    0x00
#define UART_RSR   0x04
#define UART_FR    0x18
#define UART_IBRD  0x24
#define UART_FBRD  0x28
#define UART_LCR_H 0x2C
#define UART_CR    0x30
#define UART_IFLS  0x34
#define UART_IMSC  0x38
#define UART_RIS   0x3C
#define UART_MIS   0x40
#define UART_ICR   0x44
#define UART_FR_TXFF (1u << 5)

/* SIC offsets */
#define SIC_STATUS     0x00
#define SIC_RAWSTAT    0x04
#define SIC_ENABLE     0x08
#define SIC_ENCLR      0x0C
#define SIC_SOFTINTSET 0x10
#define SIC_SOFTINTCLR 0x14
#define SIC_PICENABLE  0x20
#define SIC_PICENCLR   0x24

#endif
