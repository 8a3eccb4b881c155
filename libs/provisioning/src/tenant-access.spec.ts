import { SecretBox } from '@helix/secrets';
import { tenantAccess, tenantRoleName } from './tenant-access';
import { tenantDatabaseName, tenantUserName } from './tenant-names';

describe('tenantAccess', () => {
  const box = new SecretBox('uma-chave-de-teste-longa');
  const user = tenantUserName('hx_', tenantDatabaseName('hx_', 'carros', 'garage_alpha'));
  const tenant = { db_user: user, robo_tipo: 'carros' as const, db_host: '127.0.0.1', db_port: 3306 };

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
    expect(tenantAccess(box, { ...tenant, db_host: 'DB-1.internal' }).gateway.password).toBe(tenantAccess(box, { ...tenant, db_host: 'db-1.internal' }).gateway.password);
    expect(tenantAccess(box, { ...tenant, db_port: 3307 }).gateway.password).not.toBe(password);
    expect(tenantAccess(box, { ...tenant, robo_tipo: 'imoveis' }).gateway.password).not.toBe(password);
    expect(tenantAccess(new SecretBox('outra-chave-qualquer'), tenant).gateway.password).not.toBe(password);
  });

  it("names the vertical's catalogue reader after the prefix and the vertical, with the vertical's catalogue and photo tables", () => {
    expect(tenantAccess(box, tenant).catalogueReader).toEqual({ role: 'hx_rd_carros', tables: ['cars', 'car_images'] });
    const imovel = tenantUserName('hx_', tenantDatabaseName('hx_', 'imoveis', 'imob_alpha'));
    expect(tenantAccess(box, { ...tenant, db_user: imovel, robo_tipo: 'imoveis' }).catalogueReader).toEqual({ role: 'hx_rd_imoveis', tables: ['imoveis', 'imagens'] });
  });

  it('refuses a user name that is not a tenant user', () => {
    for (const db_user of ['root', 'hx_gw_carros', `${user}x`, user.toUpperCase()]) {
      expect(() => tenantAccess(box, { ...tenant, db_user })).toThrow(/not a tenant user name/);
    }
  });
});
