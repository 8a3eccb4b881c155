-- carros tenant template (the seed's empresa_X_db without what base/ holds). Runs inside the tenant's own
-- database, after the base series: agendamentos refers to base's customers.

CREATE TABLE cars (
  id INT PRIMARY KEY AUTO_INCREMENT,
  brand VARCHAR(100),
  model VARCHAR(255),
  year INT,
  year_model INT,
  price DECIMAL(12,2),
  mileage INT,
  color VARCHAR(50),
  fuel_type VARCHAR(50),
  transmission VARCHAR(50),
  description TEXT,
  status ENUM('available', 'reserved', 'sold') DEFAULT 'available',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_status (status),
  INDEX idx_brand_model (brand, model)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE car_images (
  id INT PRIMARY KEY AUTO_INCREMENT,
  car_id INT NOT NULL,
  url VARCHAR(500),
  ordem INT DEFAULT 0,
  is_principal BOOLEAN DEFAULT 0,
  FOREIGN KEY (car_id) REFERENCES cars(id) ON DELETE CASCADE,
  INDEX idx_car (car_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agendamentos (
  id INT PRIMARY KEY AUTO_INCREMENT,
  customer_id INT NOT NULL,
  car_id INT,
  tipo ENUM('test_drive', 'visita', 'entrega') NOT NULL,
  data_agendada DATETIME NOT NULL,
  status ENUM('pendente', 'confirmado', 'realizado', 'cancelado') DEFAULT 'pendente',
  observacoes TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (car_id) REFERENCES cars(id),
  INDEX idx_data (data_agendada),
  INDEX idx_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
