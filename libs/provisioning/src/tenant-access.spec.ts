import { SecretBox } from '@helix/secrets';
import { gatewayPassword, tenantAccess, tenantRoleName } from './tenant-access';
import { tenantDatabaseName, tenantUserName } from './tenant-names';

describe('tenantAccess', () => {
  const box = new SecretBox('uma-chave-de-teste-longa');
  const user = tenantUserName('hx_', tenantDatabaseName('hx_', 'carros', 'garage_alpha'));
  const tenant = { db_user: user, robo_tipo: 'carros' as const, db_host: '127.0.0.1', db_port: 3306, gateway_geracao: 0 };

  it("names the role beside the tenant's user and the gateway after the prefix and the vertical", () => {
    const access = tenantAccess(box, tenant);
    expect(access.role).toBe(user.replace('hx_tu_', 'hx_tr_'));
    expect(access.role).toHaveLength(user.length);
    expect(access.gateway.user).toBe('hx_gw_carros');
    expect(tenantAccess(box, { ...tenant, robo_tipo: 'imoveis' }).gateway.user).toBe('hx_gw_imoveis');
    expect(tenantRoleName(tenantUserName('', 'carros_x'))).toMatch(/^tr_[0-9a-f]{16}$/);
  });

  it("gives the vertical's tenants of one server one gateway password, and each server its own", () => {
    const other = tenantUserName('hx_', tenantDatabaseName('hx_', 'carros', 'garage_beta'));
    const { password } = tenantAccess(box, tenant).gateway;
    expect(tenantAccess(box, { ...tenant, db_user: other }).gateway.password).toBe(password);
    expect(tenantAccess(box, { ...tenant, db_host: 'DB-1.internal' }).gateway.password).toBe(
      tenantAccess(box, { ...tenant, db_host: 'db-1.internal' }).gateway.password,
    );
    expect(tenantAccess(box, { ...tenant, db_port: 3307 }).gateway.password).not.toBe(password);
    expect(tenantAccess(box, { ...tenant, robo_tipo: 'imoveis' }).gateway.password).not.toBe(password);
    expect(tenantAccess(new SecretBox('outra-chave-qualquer'), tenant).gateway.password).not.toBe(password);
  });

  it('derives generation 0 as before rotations existed, and a new password for each later generation', () => {
    // What every gateway was created with before gateway_geracao: an upgrade must not change it.
    expect(tenantAccess(box, tenant).gateway.password).toBe(box.derive(['mysql-gateway', 'hx_gw_carros', '127.0.0.1:3306'].join('\0')));
    const generations = [0, 1, 2, 10].map((gateway_geracao) => tenantAccess(box, { ...tenant, gateway_geracao }).gateway.password);
    expect(new Set(generations).size).toBe(4);
    expect(gatewayPassword(box, 'hx_gw_carros', { host: '127.0.0.1', port: 3306 }, 2)).toBe(generations[2]);
    // A generation is a server's and a vertical's: the same number elsewhere is another password.
    expect(tenantAccess(box, { ...tenant, db_port: 3307, gateway_geracao: 1 }).gateway.password).not.toBe(generations[1]);
    for (const generation of [-1, 1.5, Number.NaN])
      expect(() => gatewayPassword(box, 'hx_gw_carros', { host: '127.0.0.1', port: 3306 }, generation)).toThrow(/generation/);
  });

  it("names the vertical's catalogue reader after the prefix and the vertical, with the vertical's catalogue and photo tables", () => {
    expect(tenantAccess(box, tenant).catalogueReader).toEqual({ role: 'hx_rd_carros', tables: ['cars', 'car_images'] });
    const imovel = tenantUserName('hx_', tenantDatabaseName('hx_', 'imoveis', 'imob_alpha'));
    expect(tenantAccess(box, { ...tenant, db_user: imovel, robo_tipo: 'imoveis' }).catalogueReader).toEqual({
      role: 'hx_rd_imoveis',
      tables: ['imoveis', 'imagens'],
    });
  });

  it('refuses a user name that is not a tenant user', () => {
    for (const db_user of ['root', 'hx_gw_carros', `${user}x`, user.toUpperCase()]) {
      expect(() => tenantAccess(box, { ...tenant, db_user })).toThrow(/not a tenant user name/);
    }
  });
});
