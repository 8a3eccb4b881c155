/** The robots' verticals: each has its robot service, its tenant template and its tenants (`robo_tipo`). */
export const ROBOT_VERTICALS = ['carros', 'imoveis'] as const;
export type RobotVertical = (typeof ROBOT_VERTICALS)[number];
