import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { CatalogAdmin } from './catalog-admin.service';
import { CatalogController } from './catalog.controller';
import { CatalogQuery } from './catalog.query';

/** `/api/directories`: the catalog for customers and staff, its upkeep for admins. */
@Module({
  imports: [AuthModule],
  controllers: [CatalogController],
  providers: [CatalogQuery, CatalogAdmin],
})
export class CatalogModule {}
